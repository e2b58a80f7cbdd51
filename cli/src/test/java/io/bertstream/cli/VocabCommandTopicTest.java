package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VocabCommandTopicTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  @Test
  void shouldTrainOnTheDocsTopicAndStopAfterMaxDocs() throws Exception {
    // One partition, so "the first N documents" is the publishing order.
    KafkaConnection connection = STACK.connection("vocabtopic", 1);
    String topic = connection.topics().docs();
    publish(connection, topic);

    Path limited = dir.resolve("limited/tokenizer.json");
    assertThat(train(connection, limited, "--max-docs", "2")).as(err.toString()).isZero();
    // The first two documents; "quiz" (whose letters appear nowhere else) is in the third.
    assertThat(vocabulary(limited)).contains("alpha", "gamma", "delta").doesNotContain("quiz", "q");

    Path all = dir.resolve("all/tokenizer.json");
    Path again = dir.resolve("again/tokenizer.json");
    assertThat(train(connection, all)).as(err.toString()).isZero();
    assertThat(train(connection, again)).as(err.toString()).isZero();
    assertThat(vocabulary(all)).contains("alpha", "delta", "quiz");
    assertThat(all).hasSameBinaryContentAs(again);
  }

  @Test
  void shouldTrainTheSameVocabularyOnFilesAsOnTheTopicTheyWereIngestedInto() throws Exception {
    KafkaConnection connection = STACK.connection("vocabsame", 1);
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    // Decomposed accents: ingest publishes NFC, so the file must be read as NFC too (--cased
    // keeps the accents, so the two forms would make different vocabularies).
    Files.writeString(
        corpus.resolve("notes.txt"),
        "The nation grows stronger.\r\nCafe\u0301 au lait and congress.\n\nOur people work.\n");
    // .json is JSON Lines to both; a line ingest dead-letters is skipped by vocab train.
    Files.writeString(
        corpus.resolve("addresses.json"),
        "{\"id\": \"a1\", \"text\": \"Re\u0301sume\u0301 of the union.\"}\n"
            + "not json\n"
            + "{\"id\": \"a2\", \"text\": \"Congress passed the budget.\"}\n");
    CommandLine ingest = Bertstream.commandLine(ConfigLayers.none());
    ingest.setErr(new PrintWriter(err, true));
    assertThat(ingest.execute(withKafka(connection, "ingest", corpus.toString())))
        .as(err.toString())
        .isZero();

    Path fromTopic = dir.resolve("topic/tokenizer.json");
    Path fromFiles = dir.resolve("files/tokenizer.json");
    assertThat(train(connection, fromTopic, "--cased")).as(err.toString()).isZero();
    assertThat(
            execute(
                "vocab",
                "train",
                "--input",
                corpus.toString(),
                "--cased",
                "--vocab-size",
                "200",
                "--min-frequency",
                "1",
                "--out",
                fromFiles.toString()))
        .as(err.toString())
        .isZero();

    assertThat(vocabulary(fromFiles)).contains("Café", "Résumé", "Congress").doesNotContain("{");
    assertThat(fromFiles).hasSameBinaryContentAs(fromTopic);
    assertThat(fromFiles.resolveSibling("vocab.txt"))
        .hasSameBinaryContentAs(fromTopic.resolveSibling("vocab.txt"));
  }

  private static String[] withKafka(KafkaConnection connection, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--bootstrap-servers",
            connection.bootstrapServers(),
            "--schema-registry-url",
            connection.schemaRegistryUrl(),
            "--topic-prefix",
            connection.topics().prefix()));
    return all.toArray(String[]::new);
  }

  private int execute(String... args) {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private int train(KafkaConnection connection, Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "vocab",
                "train",
                "--from-topic",
                connection.topics().docs(),
                "--vocab-size",
                "200",
                "--min-frequency",
                "1",
                "--out",
                out.toString(),
                "--bootstrap-servers",
                connection.bootstrapServers(),
                "--schema-registry-url",
                connection.schemaRegistryUrl(),
                "--topic-prefix",
                connection.topics().prefix()));
    args.addAll(List.of(more));
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args.toArray(String[]::new));
  }

  private static List<String> vocabulary(Path tokenizerJson) throws Exception {
    return Files.readAllLines(tokenizerJson.resolveSibling("vocab.txt"), StandardCharsets.UTF_8);
  }

  /** Two documents, a record that is not Avro, then a third document. */
  private static void publish(KafkaConnection connection, String topic) throws Exception {
    Topic<String, RawDocument> docs = Topics.create(connection).docs();
    Map<String, Object> config = new HashMap<>(connection.clientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, RawDocument> producer =
            new KafkaProducer<>(
                config, docs.keySerde().serializer(), docs.valueSerde().serializer());
        KafkaProducer<String, byte[]> raw =
            new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "d1", doc("d1", "alpha beta gamma. "))).get();
      producer.send(new ProducerRecord<>(topic, "d2", doc("d2", "delta alpha beta. "))).get();
      raw.send(new ProducerRecord<>(topic, "bad", "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
      producer.send(new ProducerRecord<>(topic, "d3", doc("d3", "quiz fizz quiz. "))).get();
    }
  }

  private static RawDocument doc(String id, String sentence) {
    return RawDocument.newBuilder()
        .setId(id)
        .setText(sentence.repeat(5))
        .setSource("test")
        .setAttributes(Map.of())
        .setIngestedAt(Instant.EPOCH)
        .build();
  }
}
