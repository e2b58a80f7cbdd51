package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real-broker plumbing for this module's integration tests. */
final class StackClient {

  static final Duration DEADLINE = Duration.ofMinutes(3);

  private final KafkaConnection connection;
  private final Topics topics;
  private final Admin admin;

  /** Records go through the registry-backed serdes of {@link Topics}, as in production. */
  StackClient(KafkaConnection connection, Admin admin) {
    this.connection = connection;
    this.topics = Topics.create(connection);
    this.admin = admin;
  }

  StreamTopics streamTopics() {
    return StreamTopics.from(topics);
  }

  /** Publishes documents keyed by id with a fixed timestamp each (so outputs are comparable). */
  void produce(List<RawDocument> documents) throws ExecutionException, InterruptedException {
    awaitLeaders(connection.topics().docs());
    Map<String, Object> config = connection.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // One batch in flight: a fresh topic's first batches can be answered NOT_LEADER while
    // written, and parallel retries then trip the idempotent producer's sequence checks.
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (RawDocument document : documents) {
        sends.add(
            producer.send(
                new ProducerRecord<>(
                    connection.topics().docs(),
                    null,
                    1_000_000L + Math.abs(document.getId().hashCode() % 1000),
                    document.getId(),
                    topics
                        .docs()
                        .valueSerde()
                        .serializer()
                        .serialize(topics.docs().name(), document))));
      }
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
    }
  }

  /**
   * Waits until every partition of a freshly created topic has a leader: producing earlier makes
   * the idempotent producer retry into sequence errors until its delivery timeout.
   */
  void awaitLeaders(String topic) throws ExecutionException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      boolean ready =
          description.partitions().stream()
              .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
      if (ready) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no leader for every partition of " + topic);
      }
      Thread.onSpinWait();
    }
  }

  void produceRaw(String key, byte[] value) throws ExecutionException, InterruptedException {
    awaitLeaders(connection.topics().docs());
    Map<String, Object> config = connection.clientConfig();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(connection.topics().docs(), key, value)).get();
    }
  }

  /** Whether the app has committed every document on the docs topic. */
  boolean caughtUp(String applicationId) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    for (Map.Entry<TopicPartition, Long> end : endOffsets(connection.topics().docs()).entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      long position = offset == null ? 0 : offset.offset();
      if (position < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Waits until the app has committed every document on the docs topic; returns when it had. */
  Instant awaitCaughtUp(String applicationId, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!caughtUp(applicationId)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not caught up within " + timeout);
      }
      Thread.sleep(100);
    }
    return Instant.now();
  }

  Map<TopicPartition, Long> endOffsets(String topic)
      throws ExecutionException, InterruptedException {
    int partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(request).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /**
   * Reads {@code topics} with read_committed until the app named {@code applicationId} has
   * committed all documents and every output partition is read to its end.
   */
  List<ConsumerRecord<String, byte[]>> readAllCommitted(
      String applicationId, Collection<String> topics) throws Exception {
    Map<String, Object> config = connection.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        partitions.addAll(endOffsets(topic).keySet());
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant deadline = Instant.now().plus(DEADLINE);
      boolean done = false;
      while (!done) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("the stream did not catch up within " + DEADLINE);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (caughtUp(applicationId)) {
          // Every input is committed, so the outputs' last stable offsets are final now.
          Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
          done = true;
          for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
              done = false;
            }
          }
        }
      }
    }
    return records;
  }

  List<PretrainingExample> examples(List<ConsumerRecord<String, byte[]>> records) {
    var deserializer = topics.examples().valueSerde().deserializer();
    List<PretrainingExample> examples = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      examples.add(deserializer.deserialize(record.topic(), record.value()));
    }
    return examples;
  }
}
