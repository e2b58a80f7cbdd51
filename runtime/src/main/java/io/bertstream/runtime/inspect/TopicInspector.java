package io.bertstream.runtime.inspect;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints the first or the latest records of a docs or examples topic. It reads without a consumer
 * group (nothing committed, no rebalance) up to the end offsets it saw at start, so it always ends.
 */
public final class TopicInspector {

  private final RecordRenderer text;

  public TopicInspector(RecordRenderer text) {
    this.text = text;
  }

  /** Prints records to {@code out}; returns how many. */
  public int inspect(InspectConfig config, KafkaConnection connection, PrintStream out) {
    Topics topics = Topics.create(connection);
    Topic<String, ? extends SpecificRecord> typed =
        config.kind() == InspectConfig.Kind.DOCS ? topics.docs() : topics.examples();
    String name = config.topic().orElse(typed.name());
    List<ConsumerRecord<String, ? extends SpecificRecord>> records =
        read(config, connection, typed, name);
    for (ConsumerRecord<String, ? extends SpecificRecord> record : records) {
      out.println(
          config.format() == InspectConfig.OutputFormat.JSON
              ? AvroJson.line((IndexedRecord) record.value())
              : text.render(record.key(), record.value()));
    }
    out.flush();
    return records.size();
  }

  private static <V extends SpecificRecord>
      List<ConsumerRecord<String, ? extends SpecificRecord>> read(
          InspectConfig config, KafkaConnection connection, Topic<String, V> typed, String name) {
    Map<String, Object> clientConfig = connection.clientConfig();
    clientConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    clientConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "bertstream-inspect");
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            clientConfig, typed.keySerde().deserializer(), typed.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(name, config.timeout()).stream()
              .map(p -> new TopicPartition(name, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + name + " does not exist");
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, config.timeout());
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, config.timeout());
      for (TopicPartition partition : partitions) {
        long start =
            config.fromBeginning()
                ? begin.get(partition)
                : Math.max(begin.get(partition), end.get(partition) - config.limit());
        consumer.seek(partition, start);
      }
      List<ConsumerRecord<String, ? extends SpecificRecord>> records = new ArrayList<>();
      Instant deadline = Instant.now().plus(config.timeout());
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && !(config.fromBeginning() && records.size() >= config.limit())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "could not read " + name + " within " + config.timeout().toSeconds() + " s");
        }
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < end.get(new TopicPartition(name, record.partition()))) {
            records.add(record);
          }
        }
      }
      records.sort(
          Comparator.comparingLong(
                  (ConsumerRecord<String, ? extends SpecificRecord> r) -> r.timestamp())
              .thenComparingInt(ConsumerRecord::partition)
              .thenComparingLong(ConsumerRecord::offset));
      int size = records.size();
      return config.fromBeginning()
          ? List.copyOf(records.subList(0, Math.min(size, config.limit())))
          : List.copyOf(records.subList(Math.max(0, size - config.limit()), size));
    }
  }
}
