package io.bertstream.ingestor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.Rejection;
import io.bertstream.runtime.deadletter.DeadLetter;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DocumentPublisherTest {

  private static final Serializer<RawDocument> TEXT_ONLY =
      (topic, doc) -> doc == null ? null : doc.getText().getBytes(StandardCharsets.UTF_8);

  private final MockProducer<String, RawDocument> docs =
      new MockProducer<>(false, null, new StringSerializer(), TEXT_ONLY);
  private final MockProducer<String, byte[]> dlq =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DocumentPublisher publisher =
      new DocumentPublisher(docs, dlq, "p.docs", "p.docs.dlq", 4, new IngestMetrics(registry));

  private static RawDocument doc(String id, String text) {
    return new RawDocument(id, text, "test", Map.of(), Instant.EPOCH);
  }

  @Test
  void shouldKeyDocumentsByIdAndCountThemOnlyOnceAcknowledged() {
    CompletableFuture<RecordMetadata> acked = publisher.publish(doc("d1", "hello"), 5);
    assertThat(docs.history()).extracting(ProducerRecord::key).containsExactly("d1");
    assertThat(publisher.counts().published()).isZero();
    docs.completeNext();
    assertThat(acked).isCompleted();
    assertThat(publisher.counts().published()).isEqualTo(1);
    assertThat(publisher.counts().publishedBytes()).isEqualTo(5);
    assertThat(registry.get("bertstream.ingest.documents.published").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountAFailedSendAndFailItsFuture() {
    CompletableFuture<RecordMetadata> acked = publisher.publish(doc("d1", "hello"), 5);
    docs.errorNext(new TimeoutException("broker gone"));
    assertThat(acked).isCompletedExceptionally();
    assertThat(publisher.counts().failed()).isEqualTo(1);
    assertThat(publisher.counts().published()).isZero();
  }

  @Test
  void shouldKeepAFailureNoRetryCanFixForTheCallerToStopOn() {
    publisher.publish(doc("d1", "hello"), 5);
    docs.errorNext(new TimeoutException("broker gone"));
    assertThat(publisher.fatalFailure()).isEmpty();

    publisher.publish(doc("d2", "hello"), 5);
    docs.errorNext(new TopicAuthorizationException(Set.of("p.docs")));
    publisher.publish(doc("d3", "hello"), 5);
    docs.errorNext(new TopicAuthorizationException(Set.of("p.other")));

    assertThat(publisher.fatalFailure())
        .containsInstanceOf(TopicAuthorizationException.class)
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .hasMessageContaining("p.docs")
                    .hasMessageNotContaining("p.other"));
    assertThat(publisher.counts().failed()).isEqualTo(3);
  }

  @Test
  void shouldCountASendThatThrowsInsteadOfLosingIt() {
    MockProducer<String, RawDocument> throwing =
        new MockProducer<>(
            true,
            null,
            new StringSerializer(),
            (topic, doc) -> {
              throw new SerializationException("registry down");
            });
    DocumentPublisher failing =
        new DocumentPublisher(
            throwing, dlq, "p.docs", "p.docs.dlq", 4, new IngestMetrics(registry));
    assertThat(failing.publish(doc("d1", "x"), 1)).isCompletedExceptionally();
    assertThat(failing.counts().failed()).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterWithReasonSourceStageHeadersAndATruncatedPayload() {
    publisher.deadLetter(
        Rejection.at(
            "f.jsonl:7",
            "{broken json".getBytes(StandardCharsets.UTF_8),
            DeadLetterReason.MALFORMED_JSON,
            "Unexpected end"));
    ProducerRecord<String, byte[]> record = dlq.history().get(0);
    assertThat(record.topic()).isEqualTo("p.docs.dlq");
    assertThat(record.key()).isEqualTo("f.jsonl:7");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{bro");
    assertThat(header(record, DeadLetter.REASON_HEADER)).isEqualTo("malformed_json");
    assertThat(header(record, DeadLetter.SOURCE_HEADER)).isEqualTo("f.jsonl:7");
    assertThat(header(record, DeadLetter.STAGE_HEADER)).isEqualTo("ingest");
    assertThat(header(record, DeadLetter.DETAIL_HEADER)).isEqualTo("Unexpected end");
    assertThat(publisher.counts().deadLettered())
        .containsEntry(DeadLetterReason.MALFORMED_JSON, 1L);
    assertThat(
            registry
                .get("bertstream.dlq.records")
                .tags("stage", "ingest", "reason", "malformed_json")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  private static String header(ProducerRecord<String, byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
