package io.bertstream.local.registry;

import io.bertstream.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's log in a compacted, single-partition Kafka topic (default {@value #TOPIC}). Not
 * thread-safe: {@link SchemaRegistryService} serializes all calls.
 */
final class KafkaSchemaLog implements SchemaLog {

  static final String TOPIC = "_schemas";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TopicPartition partition;
  private final SchemaLogCodec codec = new SchemaLogCodec();
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;

  /**
   * A log in {@code topic} of the cluster {@code kafkaConfig} names: its bootstrap servers and any
   * client properties (SASL, TLS) the registry's principal needs.
   */
  KafkaSchemaLog(Map<String, ?> kafkaConfig, String topic) {
    this.partition = new TopicPartition(topic, 0);
    createTopic(kafkaConfig, topic);
    Properties producerConfig = new Properties();
    producerConfig.putAll(kafkaConfig);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
    Properties consumerConfig = new Properties();
    consumerConfig.putAll(kafkaConfig);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  @Override
  public void append(SchemaLogRecord record) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  partition.topic(), partition.partition(), codec.key(record), codec.value(record)))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw storeError("Cannot write to " + partition.topic(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw storeError("Interrupted writing to " + partition.topic(), e);
    }
  }

  @Override
  public void readToEnd(Consumer<SchemaLogRecord> apply) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
    while (consumer.position(partition, TIMEOUT) < end) {
      if (Instant.now().isAfter(deadline)) {
        throw storeError("Timed out reading " + partition.topic() + " to offset " + end, null);
      }
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        codec.decode(record.key(), record.value()).ifPresent(apply);
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
  }

  private static void createTopic(Map<String, ?> kafkaConfig, String topic) {
    try (Admin admin = Admin.create(new HashMap<String, Object>(kafkaConfig))) {
      NewTopic newTopic =
          new NewTopic(topic, Optional.of(1), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw storeError("Cannot create " + topic, e);
      }
    } catch (TimeoutException e) {
      throw storeError("Timed out creating " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw storeError("Interrupted creating " + topic, e);
    }
  }

  private static SchemaRegistryException storeError(String message, Exception cause) {
    return new SchemaRegistryException(
        500,
        SchemaRegistryException.STORE_ERROR,
        message + (cause == null ? "" : ": " + cause),
        cause);
  }
}
