package io.bertstream.tokenizer.train;

import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Progress;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The texts of the RawDocuments on a docs topic, for training a vocabulary. Reads without a
 * consumer group (nothing committed), committed records only, up to the end offsets seen at start;
 * partitions in order, each read fully, so the same topic content always yields the same texts in
 * the same order. Records that cannot be decoded are skipped and counted.
 */
public final class DocsTopicTexts {

  private static final Logger LOG = LoggerFactory.getLogger(DocsTopicTexts.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final KafkaConnection connection;
  private final String topic;
  private final long maxDocs;
  private final Duration timeout;

  /**
   * @param maxDocs stop after this many texts ({@code <= 0}: read everything)
   * @param timeout fail when the broker answers nothing for this long
   */
  public DocsTopicTexts(KafkaConnection connection, String topic, long maxDocs, Duration timeout) {
    this.connection = connection;
    this.topic = topic;
    this.maxDocs = maxDocs;
    this.timeout = timeout;
  }

  /**
   * Hands each document's text to {@code sink}; {@code detail} adds to the progress lines.
   *
   * @return records skipped: undecodable ones and tombstones
   */
  public long read(Consumer<String> sink, Supplier<String> detail) {
    Topic<String, RawDocument> docs = Topics.create(connection).docs();
    Map<String, Object> config = connection.clientConfig();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bertstream-vocab");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, RawDocument> consumer =
        new KafkaConsumer<>(
            config, docs.keySerde().deserializer(), docs.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .sorted(Comparator.comparingInt(TopicPartition::partition))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long records = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
      long total = maxDocs > 0 ? Math.min(maxDocs, records) : records;
      Counts counts = new Counts();
      try (Progress progress = Progress.start("reading " + topic, LOG_INTERVAL)) {
        for (TopicPartition partition : partitions) {
          if (counts.full()) {
            break;
          }
          consumer.assign(List.of(partition));
          consumer.seek(partition, begin.get(partition));
          readPartition(
              consumer,
              partition,
              end.get(partition),
              counts,
              sink,
              () -> progress.update(counts.texts + counts.skipped, total, detail));
        }
        progress.update(counts.texts + counts.skipped, total, detail);
      }
      LOG.info(
          "read {} documents from {} ({} records skipped as undecodable or empty)",
          counts.texts,
          topic,
          counts.skipped);
      return counts.skipped;
    }
  }

  private void readPartition(
      KafkaConsumer<String, RawDocument> consumer,
      TopicPartition partition,
      long end,
      Counts counts,
      Consumer<String> sink,
      Runnable progress) {
    Instant deadline = Instant.now().plus(timeout);
    while (!counts.full() && consumer.position(partition, timeout) < end) {
      ConsumerRecords<String, RawDocument> polled;
      try {
        polled = consumer.poll(POLL);
      } catch (RecordDeserializationException e) {
        if (counts.skipped++ == 0) {
          LOG.warn(
              "{}@{}: cannot decode the record; skipping such records",
              e.topicPartition(),
              e.offset());
        }
        consumer.seek(e.topicPartition(), e.offset() + 1);
        deadline = Instant.now().plus(timeout);
        continue;
      }
      if (polled.isEmpty()) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              String.format(
                  Locale.ROOT, "could not read %s within %d s", partition, timeout.toSeconds()));
        }
        continue;
      }
      deadline = Instant.now().plus(timeout);
      for (ConsumerRecord<String, RawDocument> record : polled) {
        if (record.offset() >= end || counts.full()) {
          return;
        }
        if (record.value() == null) {
          counts.skipped++;
        } else {
          sink.accept(record.value().getText());
          counts.texts++;
        }
      }
      progress.run();
    }
  }

  /** What one read has seen so far; confined to the reading thread. */
  private final class Counts {
    long texts;
    long skipped;

    boolean full() {
      return maxDocs > 0 && texts >= maxDocs;
    }
  }
}
