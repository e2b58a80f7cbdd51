package io.bertstream.runtime.topic;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded read of a topic as it was when the snapshot was opened: committed records only, up to
 * the end offsets seen at opening, so a read always ends however fast the topic grows. With {@link
 * SnapshotSettings#withEndOffsets} it reads a fixed range of offsets instead, the same records on
 * every read.
 *
 * <p>Invariants: the consumer reads with {@code isolation.level=read_committed} whatever the
 * connection's properties say (aborted records and open transactions are never seen); it joins no
 * consumer group and commits nothing, so it disturbs no running service; it never creates the
 * topic. Partitions are read one after the other, ascending, each in offset order, so the same
 * topic content always reaches the sink in the same order. A record that cannot be decoded is
 * skipped and counted; a schema registry outage is not skipped (see {@link DecodingFailures}).
 *
 * <pre>{@code
 * try (TopicSnapshot<String, RawDocument> snapshot = TopicSnapshot.open(connection, docs, settings)) {
 *   SnapshotResult result = snapshot.read(record -> texts.add(record.value().getText()));
 * }
 * }</pre>
 */
public final class TopicSnapshot<K, V> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSnapshot.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<K, V> consumer;
  private final SnapshotSettings settings;
  private final TopicAssignment assignment;
  private boolean read;

  private TopicSnapshot(Consumer<K, V> consumer, String topic, SnapshotSettings settings) {
    this.consumer = consumer;
    this.settings = settings;
    this.assignment =
        TopicAssignment.assignAll(consumer, topic, settings.start(), settings.timeout());
  }

  /**
   * Assigns every partition of {@code topic.name()} and notes the end offsets.
   *
   * @throws MissingTopicException when the topic does not exist
   * @throws TimeoutException when the broker does not answer within the settings' timeout
   */
  public static <K, V> TopicSnapshot<K, V> open(
      KafkaConnection connection, Topic<K, V> topic, SnapshotSettings settings) {
    Consumer<K, V> consumer =
        new KafkaConsumer<>(
            consumerConfig(connection, settings.clientId()),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    try {
      return new TopicSnapshot<>(consumer, topic.name(), settings);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** The consumer configuration every snapshot uses: the connection's, with these settings. */
  static Map<String, Object> consumerConfig(KafkaConnection connection, String clientId) {
    Map<String, Object> config = connection.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // Retention may remove records between the snapshot and the read: continue at the first left.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /** The topic's partitions, ascending. */
  public List<Integer> partitions() {
    return assignment.partitions();
  }

  /** The partitions, where the read starts and the end offsets it reads up to. */
  public TopicAssignment assignment() {
    return assignment;
  }

  /**
   * Hands every committed record between the start and the end offsets to {@code sink}, partition
   * after partition, until the limits are reached. A snapshot is read once.
   *
   * @throws TimeoutException when a partition's position does not move for the settings' timeout
   * @throws io.bertstream.schemas.registry.SchemaRegistryException when the registry fails
   */
  public SnapshotResult read(SnapshotSink<K, V> sink) {
    if (read) {
      throw new IllegalStateException("a snapshot is read once");
    }
    read = true;
    Counts counts = new Counts();
    List<TopicPartition> all = assignment.partitions().stream().map(this::partition).toList();
    for (int number : assignment.partitions()) {
      if (reached(settings.limit(), counts.taken)) {
        break;
      }
      long end = assignment.endOffsets().get(number);
      if (settings.endOffsets() != null) {
        Long bound = settings.endOffsets().get(number);
        if (bound == null) {
          continue;
        }
        end = Math.min(end, bound);
      }
      TopicPartition partition = partition(number);
      consumer.pause(all);
      consumer.resume(List.of(partition));
      readPartition(partition, end, sink, counts);
    }
    if (counts.undecodable > 0) {
      LOG.warn(
          "{}: skipped {} records that could not be decoded",
          assignment.topic(),
          counts.undecodable);
    }
    return new SnapshotResult(counts.delivered, counts.taken, counts.undecodable);
  }

  private void readPartition(
      TopicPartition partition, long end, SnapshotSink<K, V> sink, Counts counts) {
    long takenHere = 0;
    long position = consumer.position(partition, settings.timeout());
    Instant deadline = Instant.now().plus(settings.timeout());
    while (position < end) {
      ConsumerRecords<K, V> polled;
      try {
        polled = consumer.poll(POLL);
      } catch (RecordDeserializationException e) {
        skipUndecodable(DecodingFailures.badDataOrThrow(e), counts);
        polled = ConsumerRecords.empty();
      }
      for (ConsumerRecord<K, V> record : polled.records(partition)) {
        if (record.offset() >= end) {
          return;
        }
        counts.delivered++;
        if (sink.accept(record)) {
          counts.taken++;
          takenHere++;
          if (reached(settings.limit(), counts.taken)
              || reached(settings.limitPerPartition(), takenHere)) {
            return;
          }
        }
      }
      long now = consumer.position(partition, settings.timeout());
      if (now > position) {
        position = now;
        deadline = Instant.now().plus(settings.timeout());
      } else if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException(
            String.format(
                Locale.ROOT,
                "could not read %s within %d s: stuck at offset %d of %d",
                partition,
                settings.timeout().toSeconds(),
                position,
                end));
      }
    }
  }

  private void skipUndecodable(RecordDeserializationException e, Counts counts) {
    if (counts.undecodable++ == 0) {
      LOG.warn(
          "{}@{}: cannot decode the record, skipping it and any others ({})",
          e.topicPartition(),
          e.offset(),
          e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    }
    consumer.seek(e.topicPartition(), e.offset() + 1);
  }

  private static boolean reached(long limit, long count) {
    return limit > 0 && count >= limit;
  }

  private TopicPartition partition(int number) {
    return assignment.topicPartition(number);
  }

  @Override
  public void close() {
    consumer.close();
  }

  /** What one read has seen so far; confined to the reading thread. */
  private static final class Counts {
    long delivered;
    long taken;
    long undecodable;
  }
}
