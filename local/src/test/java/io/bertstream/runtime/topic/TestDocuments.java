package io.bertstream.runtime.topic;

import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** RawDocuments on the docs topic of a real broker, for the snapshot and inspect tests. */
public final class TestDocuments {

  private TestDocuments() {}

  public static RawDocument doc(String id) {
    return RawDocument.newBuilder()
        .setId(id)
        .setText("text of " + id)
        .setSource("test")
        .setAttributes(Map.of())
        .setIngestedAt(Instant.ofEpochMilli(1_000))
        .build();
  }

  /**
   * A producer of RawDocuments with the docs topic's serdes; {@code transactionalId} may be null.
   */
  public static KafkaProducer<String, RawDocument> producer(
      KafkaConnection connection, String transactionalId) {
    Topic<String, RawDocument> docs = Topics.create(connection).docs();
    Map<String, Object> config = connection.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(
        config, docs.keySerde().serializer(), docs.valueSerde().serializer());
  }

  /** Sends documents with these ids to {@code partition}, waiting for each ack. */
  public static void send(KafkaConnection connection, int partition, String... ids)
      throws ExecutionException, InterruptedException {
    try (KafkaProducer<String, RawDocument> producer = producer(connection, null)) {
      for (String id : ids) {
        producer
            .send(new ProducerRecord<>(connection.topics().docs(), partition, id, doc(id)))
            .get();
      }
    }
  }

  /** Sends a value that is not Avro to {@code partition}. */
  public static void sendGarbage(KafkaConnection connection, int partition)
      throws ExecutionException, InterruptedException {
    sendBytes(connection, partition, "not avro".getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a value in the wire format whose schema id the registry does not know. */
  public static void sendUnknownSchemaId(KafkaConnection connection, int partition)
      throws ExecutionException, InterruptedException {
    sendBytes(connection, partition, new byte[] {0, 0, 0, 0, 99, 1, 2});
  }

  private static void sendBytes(KafkaConnection connection, int partition, byte[] value)
      throws ExecutionException, InterruptedException {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            connection.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(connection.topics().docs(), partition, "bad", value))
          .get();
    }
  }
}
