package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.InputFormat;
import io.bertstream.ingestor.InvalidUtf8Policy;
import io.bertstream.ingestor.RecordingSink;
import io.bertstream.ingestor.Rejection;
import io.bertstream.ingestor.TextSplit;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {

  @TempDir Path dir;

  private final RecordingSink sink = new RecordingSink();

  private void ingest(IngestConfig config, Path path) {
    new InputReader(config, sink, new AtomicLong(), new AtomicLong()).readPath(path);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void shouldGunzipByMagicBytesAndPickJsonLinesByTheNameUnderGz() throws IOException {
    Files.write(dir.resolve("a.jsonl.gz"), gzip("{\"id\":\"1\",\"text\":\"one\"}\n"));
    Files.write(dir.resolve("misnamed.txt"), gzip("plain text, gzipped"));
    ingest(IngestConfig.of(List.of(dir.toString())), dir);
    assertThat(sink.texts()).containsExactlyInAnyOrder("one", "plain text, gzipped");
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void shouldDeadLetterATruncatedGzipAfterDeliveringTheLinesBeforeTheCut() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      lines
          .append("{\"text\":\"line ")
          .append(i)
          .append(" ")
          .append("x".repeat(i % 50))
          .append("\"}\n");
    }
    byte[] whole = gzip(lines.toString());
    Path file = dir.resolve("cut.jsonl.gz");
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    ingest(IngestConfig.of(List.of(file.toString())), file);
    assertThat(sink.reasons()).containsExactly(DeadLetterReason.CORRUPT_COMPRESSION);
    assertThat(sink.rejections.get(0).location()).isEqualTo(file.toString());
    assertThat(sink.documents).isNotEmpty().hasSizeLessThan(2000);
  }

  @Test
  void shouldDeadLetterBinaryFilesWithTheirFirstBytes() throws IOException {
    Path file = dir.resolve("image.txt");
    Files.write(file, new byte[] {'G', 'I', 'F', '8', 0, 1, 2, 3});
    ingest(IngestConfig.of(List.of(file.toString())), file);
    assertThat(sink.reasons()).containsExactly(DeadLetterReason.BINARY);
    assertThat(sink.rejections.get(0).payload()).hasSize(8);
    assertThat(sink.documents).isEmpty();
  }

  @Test
  void shouldDeadLetterDanglingLinksAndSocketsAndStillReadTheRest() throws IOException {
    // Tests run as root, for whom permission bits do not make a file unreadable: a dangling
    // symbolic link and a Unix socket are entries no one can read as a document.
    Files.writeString(dir.resolve("good.txt"), "good");
    Files.createSymbolicLink(dir.resolve("gone.txt"), dir.resolve("missing-target"));
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(dir.resolve("socket.txt")));
      ingest(IngestConfig.of(List.of(dir.toString())), dir);
    }
    assertThat(sink.texts()).containsExactly("good");
    assertThat(sink.rejections)
        .extracting(Rejection::reason, Rejection::detail)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                DeadLetterReason.UNREADABLE, "dangling symbolic link"),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.UNREADABLE, "not a regular file"));
  }

  @Test
  void shouldHonourIncludeGlobAndSkipHiddenEntries() throws IOException {
    Files.createDirectories(dir.resolve("sub/.git"));
    Files.writeString(dir.resolve("sub/keep.txt"), "keep");
    Files.writeString(dir.resolve("sub/skip.md"), "skip");
    Files.writeString(dir.resolve("sub/.hidden.txt"), "hidden");
    Files.writeString(dir.resolve("sub/.git/config.txt"), "git");
    ingest(IngestConfig.of(List.of(dir.toString())).withInclude("*.txt"), dir);
    assertThat(sink.texts()).containsExactly("keep");
  }

  @Test
  void shouldSplitParagraphsOnBlankLinesWithTheirStartLine() throws IOException {
    Path file = dir.resolve("book.txt");
    Files.writeString(file, "first para\nstill first\n\n  \nsecond\n\n\nthird\n");
    ingest(IngestConfig.of(List.of(file.toString())).withSplit(TextSplit.BLANK_LINES), file);
    assertThat(sink.texts()).containsExactly("first para\nstill first", "second", "third");
    assertThat(sink.documents.get(1).location()).isEqualTo(file + ":5");
  }

  @Test
  void shouldDeadLetterOnlyTheOversizedParagraphOrLine() throws IOException {
    DocumentRules rules = new DocumentRules("text", "id", 100, InvalidUtf8Policy.REJECT, 16);
    Path file = dir.resolve("mixed.txt");
    Files.writeString(file, "small\n\n" + "y".repeat(60) + "\n" + "y".repeat(60) + "\n\nend\n");
    ingest(
        IngestConfig.of(List.of(file.toString())).withRules(rules).withSplit(TextSplit.BLANK_LINES),
        file);
    assertThat(sink.texts()).containsExactly("small", "end");
    assertThat(sink.reasons()).containsExactly(DeadLetterReason.TOO_LARGE);
    assertThat(sink.rejections.get(0).location()).isEqualTo(file + ":3");
    assertThat(sink.rejections.get(0).payload()).hasSize(16);
  }

  @Test
  void shouldReadStdinAsJsonLinesWhenItStartsWithABrace() {
    IngestConfig config = IngestConfig.of(List.of("-"));
    new InputReader(config, sink, new AtomicLong(), new AtomicLong())
        .readStream(
            new ByteArrayInputStream(
                "\n{\"text\":\"a\"}\n{\"text\":\"b\"}\n".getBytes(StandardCharsets.UTF_8)),
            "stdin");
    assertThat(sink.texts()).containsExactly("a", "b");
    assertThat(sink.documents.get(1).location()).isEqualTo("stdin:3");
  }

  @Test
  void shouldReplaceInvalidUtf8WhenAskedAndSayWhere() throws IOException {
    DocumentRules rules = new DocumentRules("text", "id", 1000, InvalidUtf8Policy.REPLACE, 100);
    Path file = dir.resolve("latin1.txt");
    Files.write(file, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    ingest(
        IngestConfig.of(List.of(file.toString())).withRules(rules).withFormat(InputFormat.TEXT),
        file);
    assertThat(sink.texts()).containsExactly("caf\ufffd");
    assertThat(sink.replaced).containsExactly(file.toString());
  }
}
