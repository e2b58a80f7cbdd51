package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.ingestor.InvalidUtf8Policy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private static final byte[] LATIN1 = "caf\u00e9 ok".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void shouldReportTheOffsetOfTheFirstMalformedByteWhenRejecting() {
    Utf8.Decoded decoded = Utf8.decode(LATIN1, LATIN1.length, InvalidUtf8Policy.REJECT);
    assertThat(decoded.ok()).isFalse();
    assertThat(decoded.invalidOffset()).isEqualTo(3);
  }

  @Test
  void shouldSubstituteReplacementCharactersWhenReplacing() {
    Utf8.Decoded decoded = Utf8.decode(LATIN1, LATIN1.length, InvalidUtf8Policy.REPLACE);
    assertThat(decoded.text()).isEqualTo("caf\ufffd ok");
    assertThat(decoded.replaced()).isTrue();
  }

  @Test
  void shouldDecodeValidMultiByteText() {
    byte[] bytes = "ünïcödé ✓ 😀".getBytes(StandardCharsets.UTF_8);
    Utf8.Decoded decoded = Utf8.decode(bytes, bytes.length, InvalidUtf8Policy.REJECT);
    assertThat(decoded.text()).isEqualTo("ünïcödé ✓ 😀");
    assertThat(decoded.replaced()).isFalse();
  }
}
