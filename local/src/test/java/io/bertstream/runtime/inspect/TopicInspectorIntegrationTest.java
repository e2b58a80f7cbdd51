package io.bertstream.runtime.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.topic.TestDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code inspect} on the embedded broker and registry; here because {@code local}, which runs them,
 * depends on {@code runtime}.
 */
class TopicInspectorIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static String inspect(KafkaConnection connection, InspectConfig config) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      new TopicInspector(TextRenderers.defaults()).inspect(config, connection, out);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static InspectConfig docs(int limit, InspectConfig.OutputFormat format, boolean first) {
    return new InspectConfig(
        InspectConfig.Kind.DOCS, Optional.empty(), limit, format, first, Duration.ofSeconds(30));
  }

  private static List<String> ids(String jsonLines) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> ids = new ArrayList<>();
    for (String line : jsonLines.lines().toList()) {
      ids.add(json.readTree(line).get("id").asText());
    }
    return ids;
  }

  @Test
  void shouldPrintTheFirstOrLatestDocumentsAsJsonLinesOfTheAvroFields() throws Exception {
    KafkaConnection connection = STACK.connection("inspect");
    try (KafkaProducer<String, RawDocument> producer = TestDocuments.producer(connection, null)) {
      String topic = connection.topics().docs();
      RawDocument d1 =
          RawDocument.newBuilder(TestDocuments.doc("d1"))
              .setText("first")
              .setAttributes(Map.of("year", "1"))
              .setIngestedAt(Instant.now())
              .build();
      producer.send(new ProducerRecord<>(topic, "d1", d1)).get();
      producer.send(new ProducerRecord<>(topic, "d2", TestDocuments.doc("d2"))).get();
      producer.send(new ProducerRecord<>(topic, "d3", TestDocuments.doc("d3"))).get();
    }

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int count;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      count =
          new TopicInspector(TextRenderers.defaults())
              .inspect(docs(5, InspectConfig.OutputFormat.JSON, true), connection, out);
    }
    assertThat(count).isEqualTo(3);
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : printed.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(json.readTree(line));
    }
    assertThat(lines)
        .extracting(n -> n.get("id").asText())
        .containsExactlyInAnyOrder("d1", "d2", "d3");
    JsonNode first =
        lines.stream().filter(n -> n.get("id").asText().equals("d1")).findFirst().orElseThrow();
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("id", "text", "source", "attributes", "ingested_at");
    assertThat(first.get("attributes").get("year").asText()).isEqualTo("1");
    assertThat(first.get("ingested_at").isNumber()).isTrue();

    String latest = inspect(connection, docs(1, InspectConfig.OutputFormat.TEXT, false));
    assertThat(latest.lines()).hasSize(2);
  }

  @Test
  void shouldNotShowAbortedRecordsNorThoseOfAnOpenTransaction() throws Exception {
    KafkaConnection connection = STACK.connection("inspect-tx", 2);
    String topic = connection.topics().docs();
    try (KafkaProducer<String, RawDocument> producer =
        TestDocuments.producer(connection, "inspect-tx-producer")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "kept-1", TestDocuments.doc("kept-1")));
      producer.send(new ProducerRecord<>(topic, 1, "kept-2", TestDocuments.doc("kept-2")));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "aborted-1", TestDocuments.doc("aborted-1")));
      producer.send(new ProducerRecord<>(topic, 1, "aborted-2", TestDocuments.doc("aborted-2")));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 1, "kept-3", TestDocuments.doc("kept-3")));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "open", TestDocuments.doc("open")));
      producer.flush();
      try {
        assertThat(ids(inspect(connection, docs(10, InspectConfig.OutputFormat.JSON, true))))
            .containsExactlyInAnyOrder("kept-1", "kept-2", "kept-3");
        assertThat(ids(inspect(connection, docs(10, InspectConfig.OutputFormat.JSON, false))))
            .containsExactlyInAnyOrder("kept-1", "kept-2", "kept-3");
      } finally {
        producer.abortTransaction();
      }
    }
  }
}
