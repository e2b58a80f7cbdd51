package io.bertstream.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topics;
import io.bertstream.runtime.deadletter.DeadLetter;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class IngestIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  static final Path SOTU = Path.of("..", "corpora", "sotu.jsonl.gz");

  private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

  @TempDir Path dir;

  private static List<RawDocument> docs(KafkaConnection connection) {
    return TopicContents.readAll(connection, Topics.create(connection).docs()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private static List<ConsumerRecord<String, byte[]>> deadLetters(KafkaConnection connection) {
    return TopicContents.readAll(connection, Topics.create(connection).docsDlq());
  }

  private static Map<String, String> byId(List<RawDocument> docs) {
    Map<String, String> texts = new HashMap<>();
    docs.forEach(d -> texts.put(d.getId(), d.getText()));
    return texts;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldPublishTextJsonLinesAndGzippedFilesOfADirectory() throws IOException {
    KafkaConnection connection = STACK.connection("formats");
    Files.writeString(dir.resolve("letter.txt"), "Dear reader,\nhello.\n");
    Files.writeString(
        dir.resolve("items.jsonl"),
        "{\"id\":\"a\",\"text\":\"alpha\",\"lang\":\"en\"}\n{\"id\":\"b\",\"text\":\"beta\"}\n");
    Files.write(
        dir.resolve("more.ndjson.gz"),
        gzip("{\"text\":\"gamma\"}\n".getBytes(StandardCharsets.UTF_8)));
    Files.write(dir.resolve("note.txt.gz"), gzip("zipped note".getBytes(StandardCharsets.UTF_8)));

    IngestResult result =
        KafkaIngest.ingest(IngestConfig.of(List.of(dir.toString())), connection, NO_STDIN);

    assertThat(result.exitCode()).isZero();
    assertThat(result.published()).isEqualTo(5);
    assertThat(result.files()).isEqualTo(4);
    List<RawDocument> docs = docs(connection);
    assertThat(docs)
        .extracting(RawDocument::getText)
        .containsExactlyInAnyOrder(
            "Dear reader,\nhello.\n", "alpha", "beta", "gamma", "zipped note");
    RawDocument alpha = docs.stream().filter(d -> d.getId().equals("a")).findFirst().orElseThrow();
    assertThat(alpha.getAttributes()).containsEntry("lang", "en");
    assertThat(alpha.getSource()).endsWith("items.jsonl");
    assertThat(byId(docs)).containsKey(sha256("gamma"));
  }

  @Test
  void shouldSplitTextFilesIntoLinesWhenAsked() throws IOException {
    KafkaConnection connection = STACK.connection("lines");
    Path file = dir.resolve("sentences.txt");
    Files.writeString(file, "one\ntwo\n\nthree\n");
    IngestResult result =
        KafkaIngest.ingest(
            IngestConfig.of(List.of(file.toString())).withSplit(TextSplit.LINES),
            connection,
            NO_STDIN);
    assertThat(result.published()).isEqualTo(3);
    assertThat(result.skippedEmpty()).isEqualTo(1);
    assertThat(docs(connection))
        .extracting(RawDocument::getText)
        .containsExactlyInAnyOrder("one", "two", "three");
  }

  @Test
  void shouldReadStandardInput() {
    KafkaConnection connection = STACK.connection("stdin");
    InputStream stdin =
        new ByteArrayInputStream(
            "{\"id\":\"s1\",\"text\":\"from a pipe\"}\n".getBytes(StandardCharsets.UTF_8));
    IngestResult result = KafkaIngest.ingest(IngestConfig.of(List.of("-")), connection, stdin);
    assertThat(result.published()).isEqualTo(1);
    assertThat(docs(connection))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getId()).isEqualTo("s1");
              assertThat(d.getSource()).isEqualTo("stdin");
            });
  }

  @Test
  void shouldAssignTheSameIdsWhenTheSameDocumentsAreIngestedTwice() throws IOException {
    KafkaConnection connection = STACK.connection("twice");
    Path file = dir.resolve("paragraphs.txt");
    Files.writeString(file, "Cafe\u0301 first.\r\n\r\nSecond\u0007 paragraph.\n");
    IngestConfig config =
        IngestConfig.of(List.of(file.toString())).withSplit(TextSplit.BLANK_LINES);

    KafkaIngest.ingest(config, connection, NO_STDIN);
    KafkaIngest.ingest(config, connection, NO_STDIN);

    List<RawDocument> docs = docs(connection);
    assertThat(docs).hasSize(4);
    assertThat(byId(docs))
        .containsOnlyKeys(sha256("Caf\u00e9 first."), sha256("Second paragraph."))
        .containsValue("Caf\u00e9 first.");
  }

  @Test
  void shouldPublishLegacyTextInItsDetectedCharsetByDefault() throws IOException {
    KafkaConnection connection = STACK.connection("legacy");
    Charset windows1252 = Charset.forName("windows-1252");
    String letter =
        "Dear colleagues \u2014 thank you for the r\u00e9sum\u00e9s. We\u2019ll meet at the"
            + " caf\u00e9 on Thursday; bring the \u201cfinal\u201d figures, please.";
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Files.write(mail.resolve("letter.txt"), letter.getBytes(windows1252));
    Files.write(
        mail.resolve("inbox.jsonl"),
        ("{\"id\":\"m2\",\"text\":\"" + letter + "\"}\n").getBytes(windows1252));

    IngestResult result =
        KafkaIngest.ingest(IngestConfig.of(List.of(mail.toString())), connection, NO_STDIN);

    assertThat(result.published()).isEqualTo(2);
    assertThat(result.deadLettered().values().stream().mapToLong(Long::longValue).sum()).isZero();
    assertThat(docs(connection))
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.getText()).isEqualTo(letter);
              assertThat(d.getAttributes()).containsEntry("charset", "windows-1252");
            });
  }

  @Test
  void shouldDeadLetterEveryKindOfBadInputAndPublishTheRest() throws IOException {
    KafkaConnection connection = STACK.connection("nasty");
    Path nasty = Files.createDirectories(dir.resolve("nasty"));
    Files.writeString(nasty.resolve("good.txt"), "A perfectly good document.");
    Files.writeString(nasty.resolve("empty.txt"), " \n\t\n");
    Files.write(nasty.resolve("nul.txt"), "text\u0000with a NUL".getBytes(StandardCharsets.UTF_8));
    Files.write(
        nasty.resolve("latin1.txt"),
        "Gr\u00fc\u00dfe aus K\u00f6ln".getBytes(StandardCharsets.ISO_8859_1));
    byte[] big = new byte[20 * 1024 * 1024];
    Arrays.fill(big, (byte) 'a');
    Files.write(nasty.resolve("big.txt"), big);
    byte[] whole =
        gzip(
            "{\"text\":\"complete\"}\n{\"text\":\"cut off in the middle\"}\n"
                .getBytes(StandardCharsets.UTF_8));
    Files.write(nasty.resolve("truncated.jsonl.gz"), Arrays.copyOf(whole, whole.length - 12));
    Files.writeString(
        nasty.resolve("broken.jsonl"),
        "{\"id\":\"ok1\",\"text\":\"fine\"}\n{\"text\": \"no end\n{\"title\":\"no text\"}\n[1]\n");
    // Tests run as root, for whom no permission bit makes a file unreadable; a dangling symbolic
    // link and a socket are directory entries no one can read as a document.
    Files.createSymbolicLink(nasty.resolve("dangling.txt"), nasty.resolve("nowhere"));
    IngestResult result;
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(nasty.resolve("socket.txt")));
      result = KafkaIngest.ingest(IngestConfig.of(List.of(nasty.toString())), connection, NO_STDIN);
    }

    assertThat(result.exitCode()).isZero();
    assertThat(docs(connection))
        .extracting(RawDocument::getText)
        .containsExactlyInAnyOrder("A perfectly good document.", "fine");
    assertThat(result.published()).isEqualTo(2);
    assertThat(result.skippedEmpty()).isEqualTo(1);
    assertThat(result.deadLettered())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                DeadLetterReason.BINARY, 1L,
                DeadLetterReason.INVALID_UTF8, 1L,
                DeadLetterReason.TOO_LARGE, 1L,
                DeadLetterReason.CORRUPT_COMPRESSION, 1L,
                DeadLetterReason.MALFORMED_JSON, 2L,
                DeadLetterReason.MISSING_TEXT, 1L,
                DeadLetterReason.UNREADABLE, 2L));

    Map<String, ConsumerRecord<String, byte[]>> bySource = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : deadLetters(connection)) {
      assertThat(header(record, DeadLetter.STAGE_HEADER)).isEqualTo("ingest");
      assertThat(record.value().length)
          .isLessThanOrEqualTo(DocumentRules.DEFAULT_DLQ_PAYLOAD_LIMIT);
      bySource.put(
          nasty.relativize(Path.of(header(record, DeadLetter.SOURCE_HEADER))).toString(), record);
    }
    assertThat(bySource)
        .containsOnlyKeys(
            "nul.txt",
            "latin1.txt",
            "big.txt",
            "truncated.jsonl.gz",
            "broken.jsonl:2",
            "broken.jsonl:3",
            "broken.jsonl:4",
            "dangling.txt",
            "socket.txt");
    assertThat(header(bySource.get("broken.jsonl:3"), DeadLetter.REASON_HEADER))
        .isEqualTo("missing_text");
    assertThat(new String(bySource.get("broken.jsonl:2").value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"text\": \"no end");
    assertThat(bySource.get("latin1.txt").value())
        .isEqualTo("Gr\u00fc\u00dfe aus K\u00f6ln".getBytes(StandardCharsets.ISO_8859_1));
    // Three words are too little to tell Latin-1 from its neighbours: undecidable, so
    // dead-lettered.
    assertThat(header(bySource.get("latin1.txt"), DeadLetter.DETAIL_HEADER))
        .contains("byte offset 2")
        .contains("no confident charset");
    assertThat(bySource.get("big.txt").value()).hasSize(DocumentRules.DEFAULT_DLQ_PAYLOAD_LIMIT);
    assertThat(header(bySource.get("dangling.txt"), DeadLetter.REASON_HEADER))
        .isEqualTo("unreadable");
  }

  @Test
  void shouldPublishEverySotuAddressUnderItsOwnId() throws IOException {
    KafkaConnection connection = STACK.connection("sotu");
    IngestResult result =
        KafkaIngest.ingest(IngestConfig.of(List.of(SOTU.toString())), connection, NO_STDIN);

    assertThat(result.published()).isEqualTo(233);
    assertThat(result.deadLetteredTotal()).isZero();
    ObjectMapper json = new ObjectMapper();
    Map<String, String> expected = new HashMap<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SOTU)), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode node = json.readTree(line);
        expected.put(node.get("id").asText(), node.get("year").asText());
      }
    }
    List<RawDocument> docs = docs(connection);
    assertThat(docs).hasSize(233);
    Map<String, String> years = new HashMap<>();
    docs.forEach(d -> years.put(d.getId(), d.getAttributes().get("year")));
    assertThat(years).isEqualTo(expected);
  }

  private static String sha256(String text) {
    return io.bertstream.ingestor.publish.DocumentIds.contentId(text);
  }
}
