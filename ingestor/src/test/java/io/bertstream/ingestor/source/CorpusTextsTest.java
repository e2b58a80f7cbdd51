package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.InputFormat;
import io.bertstream.ingestor.InvalidUtf8Policy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTextsTest {

  @TempDir Path dir;

  private final List<String> texts = new ArrayList<>();

  private long read(Path input, InputFormat format, Optional<String> include, DocumentRules rules)
      throws IOException {
    return new CorpusTexts(List.of(input), format, include, rules).read(texts::add, () -> "");
  }

  private long read(Path input) throws IOException {
    return read(input, InputFormat.AUTO, Optional.empty(), DocumentRules.defaults());
  }

  private static DocumentRules textField(String field) {
    DocumentRules defaults = DocumentRules.defaults();
    return new DocumentRules(
        field,
        defaults.idField(),
        defaults.maxDocBytes(),
        defaults.invalidUtf8(),
        defaults.dlqPayloadLimit());
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void shouldReadTextLineByLineAndGzippedJsonLinesAndSkipWhatIngestWouldDeadLetter()
      throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("a.txt"), "the nation grows\r\nstronger\n");
    Files.write(
        corpus.resolve("b.jsonl.gz"),
        gzip(
            "{\"id\": \"x\", \"body\": \"congress passed\"}\nnot json\n{\"text\": \"no body\"}\n"));

    long skipped = read(corpus, InputFormat.AUTO, Optional.empty(), textField("body"));

    assertThat(texts).containsExactlyInAnyOrder("the nation grows", "stronger", "congress passed");
    assertThat(skipped).isEqualTo(2);
  }

  @Test
  void shouldReadAJsonFileAsJsonLinesAsIngestDoesUnlessTheFormatSaysText() throws IOException {
    Path json = Files.writeString(dir.resolve("x.json"), "{\"text\": \"hello world\"}\n");

    read(json);
    assertThat(texts).containsExactly("hello world");

    texts.clear();
    read(json, InputFormat.TEXT, Optional.empty(), DocumentRules.defaults());
    assertThat(texts).containsExactly("{\"text\": \"hello world\"}");
  }

  @Test
  void shouldWalkDirectoriesAsIngestDoesSkippingHiddenFilesAndHonouringInclude()
      throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("c"));
    Files.writeString(corpus.resolve("kept.txt"), "kept");
    Files.writeString(corpus.resolve("other.md"), "other");
    Files.writeString(corpus.resolve(".hidden.txt"), "hidden");
    Files.writeString(Files.createDirectories(corpus.resolve(".git")).resolve("x.txt"), "git");

    read(corpus);
    assertThat(texts).containsExactlyInAnyOrder("kept", "other");

    texts.clear();
    read(corpus, InputFormat.AUTO, Optional.of("*.txt"), DocumentRules.defaults());
    assertThat(texts).containsExactly("kept");
  }

  @Test
  void shouldNormalizeTextAsIngestDoesBeforePublishing() throws IOException {
    Path file = Files.writeString(dir.resolve("nfd.txt"), "cafe\u0301 \u0007bell\n");

    read(file);

    assertThat(texts).containsExactly("caf\u00e9 bell");
  }

  @Test
  void shouldSkipInvalidUtf8UnderRejectAndReplaceItUnderReplace() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});

    assertThat(read(file)).isEqualTo(1);
    assertThat(texts).containsExactly("ok");

    texts.clear();
    DocumentRules defaults = DocumentRules.defaults();
    DocumentRules replace =
        new DocumentRules(
            defaults.textField(),
            defaults.idField(),
            defaults.maxDocBytes(),
            InvalidUtf8Policy.REPLACE,
            defaults.dlqPayloadLimit());
    assertThat(read(file, InputFormat.AUTO, Optional.empty(), replace)).isZero();
    assertThat(texts).containsExactly("ok", "caf\uFFFD");
  }

  @Test
  void shouldFailBeforeReadingAnythingWhenAnInputDoesNotExist() throws IOException {
    Path file = Files.writeString(dir.resolve("there.txt"), "words");
    CorpusTexts corpus =
        new CorpusTexts(
            List.of(file, dir.resolve("missing")),
            InputFormat.AUTO,
            Optional.empty(),
            DocumentRules.defaults());

    assertThatThrownBy(() -> corpus.read(texts::add, () -> ""))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing");
    assertThat(texts).isEmpty();
  }
}
