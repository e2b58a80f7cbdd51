package io.bertstream.ingestor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

  @TempDir Path dir;

  @Test
  void shouldReadTheTokenWithoutTheNewlineAnEditorAdds() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  s3cret\n");

    assertThat(TokenFile.read(file)).isEqualTo("s3cret");
  }

  @Test
  void shouldRefuseAMissingOrEmptyFileWithoutShowingItsContents() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), " \n");

    assertThatThrownBy(() -> TokenFile.read(dir.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token file " + dir.resolve("nope") + ": no such file");
    assertThatThrownBy(() -> TokenFile.readSecret(empty, "keystore password file"))
        .hasMessage("keystore password file " + empty + " is empty");
  }

  @Test
  void shouldCreateARandomTokenOnlyWhereNoneIs() throws Exception {
    Path file = dir.resolve("sub").resolve("token");
    Path blank = Files.createFile(dir.resolve("blank"));

    assertThat(TokenFile.createIfAbsent(file, new SecureRandom())).isTrue();
    String first = TokenFile.read(file);
    assertThat(TokenFile.createIfAbsent(file, new SecureRandom())).isFalse();
    assertThat(TokenFile.createIfAbsent(blank, new SecureRandom())).isTrue();

    assertThat(first).matches("[0-9a-f]{64}");
    assertThat(TokenFile.read(file)).isEqualTo(first);
    assertThat(TokenFile.read(blank)).matches("[0-9a-f]{64}").isNotEqualTo(first);
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers).containsExactly(file);
    }
  }
}
