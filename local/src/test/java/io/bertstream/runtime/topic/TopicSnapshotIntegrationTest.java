package io.bertstream.runtime.topic;

import static io.bertstream.runtime.topic.TestDocuments.doc;
import static io.bertstream.runtime.topic.TestDocuments.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TopicSnapshot} on the embedded broker and registry. It lives in this module because the
 * broker does: {@code local} depends on {@code runtime}, so runtime's own tests cannot start one.
 */
class TopicSnapshotIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static Topic<String, RawDocument> docs(KafkaConnection connection) {
    return Topics.create(connection).docs();
  }

  /** The ids read; a null value reads as "tombstone". */
  private static List<String> read(
      KafkaConnection connection, SnapshotSettings settings, List<SnapshotResult> result) {
    List<String> ids = new ArrayList<>();
    try (TopicSnapshot<String, RawDocument> snapshot =
        TopicSnapshot.open(connection, docs(connection), settings)) {
      result.add(
          snapshot.read(
              record -> ids.add(record.value() == null ? "tombstone" : record.value().getId())));
    }
    return ids;
  }

  private static List<String> read(KafkaConnection connection, SnapshotSettings settings) {
    return read(connection, settings, new ArrayList<>());
  }

  private static SnapshotSettings settings() {
    return SnapshotSettings.of("snapshot-test").withTimeout(TIMEOUT);
  }

  /** Partition 0: c; partition 1: d, e; partition 2: a, b. */
  private static KafkaConnection threePartitions(String prefix) throws Exception {
    KafkaConnection connection = STACK.connection(prefix, 3);
    send(connection, 2, "a", "b");
    send(connection, 0, "c");
    send(connection, 1, "d", "e");
    return connection;
  }

  @Test
  void shouldReadPartitionAfterPartitionUpToTheEndOffsetsSeenAtOpening() throws Exception {
    KafkaConnection connection = threePartitions("snap-order");
    List<String> ids = new ArrayList<>();
    SnapshotResult result;
    try (TopicSnapshot<String, RawDocument> snapshot =
        TopicSnapshot.open(connection, docs(connection), settings())) {
      send(connection, 0, "late");
      assertThat(snapshot.partitions()).containsExactly(0, 1, 2);
      assertThat(snapshot.assignment().endOffsets()).isEqualTo(Map.of(0, 1L, 1, 2L, 2, 2L));
      assertThat(snapshot.assignment().offsetsToRead()).isEqualTo(5);
      result = snapshot.read(record -> ids.add(record.value().getId()));
    }

    assertThat(ids).containsExactly("c", "d", "e", "a", "b");
    assertThat(result).isEqualTo(new SnapshotResult(5, 5, 0));
    assertThat(read(connection, settings())).containsExactly("c", "late", "d", "e", "a", "b");
  }

  @Test
  void shouldStopAtTheLimitsCountingOnlyTheRecordsTheSinkTook() throws Exception {
    KafkaConnection connection = threePartitions("snap-limits");

    assertThat(read(connection, settings().withLimit(3))).containsExactly("c", "d", "e");
    assertThat(read(connection, settings().withLimitPerPartition(1)))
        .containsExactly("c", "d", "a");

    List<String> delivered = new ArrayList<>();
    SnapshotResult result;
    try (TopicSnapshot<String, RawDocument> snapshot =
        TopicSnapshot.open(connection, docs(connection), settings().withLimitPerPartition(1))) {
      result =
          snapshot.read(
              record -> delivered.add(record.value().getId()) && !record.key().equals("d"));
    }
    assertThat(delivered).containsExactly("c", "d", "e", "a");
    assertThat(result).isEqualTo(new SnapshotResult(4, 3, 0));
  }

  @Test
  void shouldStartAtTheLatestOffsetsOrAtGivenOnes() throws Exception {
    KafkaConnection connection = threePartitions("snap-start");

    assertThat(read(connection, settings().withStart(StartPosition.latest(1))))
        .containsExactly("c", "e", "b");
    assertThat(read(connection, settings().withStart(StartPosition.offsets(Map.of(1, 1L)))))
        .containsExactly("c", "e", "a", "b");
  }

  @Test
  void shouldReadOnlyTheListedPartitionsUpToTheGivenEndOffsets() throws Exception {
    KafkaConnection connection = threePartitions("snap-end");
    SnapshotSettings range =
        settings()
            .withStart(StartPosition.offsets(Map.of(1, 1L)))
            .withEndOffsets(Map.of(1, 2L, 2, 1L));
    send(connection, 1, "f");
    send(connection, 2, "g");

    assertThat(read(connection, range)).containsExactly("e", "a");
    assertThat(read(connection, settings().withEndOffsets(Map.of(0, 50L))))
        .as("a bound beyond the end reads to the end")
        .containsExactly("c");
  }

  @Test
  void shouldSeeNeitherAbortedNorOpenTransactionsAndNotWaitForTheOpenOne() throws Exception {
    KafkaConnection connection = STACK.connection("snap-tx", 1);
    String topic = connection.topics().docs();
    try (KafkaProducer<String, RawDocument> producer =
        TestDocuments.producer(connection, "snap-tx-producer")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "x1", doc("x1")));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "x2", doc("x2")));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "x3", doc("x3")));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "x4", doc("x4")));
      producer.flush();
      try {
        // The end offset is the last stable one, below the open transaction: no wait for x4.
        assertThat(read(connection, settings())).containsExactly("x1", "x3");
        assertThat(read(connection, settings().withStart(StartPosition.latest(10))))
            .containsExactly("x1", "x3");
      } finally {
        producer.abortTransaction();
      }
    }
  }

  @Test
  void shouldSkipAndCountRecordsThatCannotBeDecodedAndHandTombstonesToTheSink() throws Exception {
    KafkaConnection connection = STACK.connection("snap-bad", 1);
    send(connection, 0, "before");
    TestDocuments.sendGarbage(connection, 0);
    TestDocuments.sendUnknownSchemaId(connection, 0);
    try (KafkaProducer<String, RawDocument> producer = TestDocuments.producer(connection, null)) {
      producer.send(new ProducerRecord<>(connection.topics().docs(), 0, "gone", null)).get();
    }
    send(connection, 0, "after");

    List<SnapshotResult> result = new ArrayList<>();
    assertThat(read(connection, settings(), result))
        .containsExactly("before", "tombstone", "after");
    assertThat(result).containsExactly(new SnapshotResult(3, 3, 2));
  }

  @Test
  void shouldFailInsteadOfSkippingWhenTheSchemaRegistryCannotBeReached() throws Exception {
    KafkaConnection connection = STACK.connection("snap-outage", 1);
    send(connection, 0, "kept");
    KafkaConnection noRegistry =
        new KafkaConnection(
            connection.bootstrapServers(),
            "http://127.0.0.1:" + freePort(),
            connection.topics(),
            Map.of("schema.registry.max.retries", "0"));

    List<String> ids = new ArrayList<>();
    try (TopicSnapshot<String, RawDocument> snapshot =
        TopicSnapshot.open(noRegistry, docs(noRegistry), settings())) {
      assertThatThrownBy(() -> snapshot.read(record -> ids.add(record.value().getId())))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("snap-outage.docs-0@0");
    }
    assertThat(ids).isEmpty();
  }

  @Test
  void shouldRefuseATopicThatDoesNotExistWithoutCreatingIt() throws Exception {
    KafkaConnection connection = STACK.connection("snap-missing", 1);
    Topic<String, RawDocument> docs = docs(connection);
    Topic<String, RawDocument> missing =
        new Topic<>("snap-missing.nothing", docs.keySerde(), docs.valueSerde());

    assertThatThrownBy(() -> TopicSnapshot.open(connection, missing, settings()))
        .isInstanceOf(MissingTopicException.class)
        .hasMessageContaining("snap-missing.nothing");
    assertThat(STACK.admin().listTopics().names().get()).doesNotContain("snap-missing.nothing");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
