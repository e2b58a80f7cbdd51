package io.bertstream.runtime.inspect;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import io.bertstream.runtime.topic.SnapshotSettings;
import io.bertstream.runtime.topic.StartPosition;
import io.bertstream.runtime.topic.TopicSnapshot;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Prints the first or the latest records of a docs or examples topic. It reads a {@link
 * TopicSnapshot}: committed records only, without a consumer group (nothing committed, no
 * rebalance), up to the end offsets it saw at start, so it always ends.
 *
 * <p>The first records: up to {@code limit} from the beginning of every partition; the latest: the
 * last {@code limit} offsets of every partition. Either way the records are ordered by timestamp
 * (then partition and offset) and the first or last {@code limit} of them printed.
 */
public final class TopicInspector {

  private static final String CLIENT_ID = "bertstream-inspect";

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
    SnapshotSettings settings =
        SnapshotSettings.of(CLIENT_ID)
            .withStart(
                config.fromBeginning()
                    ? StartPosition.beginning()
                    : StartPosition.latest(config.limit()))
            .withLimitPerPartition(config.limit())
            .withTimeout(config.timeout());
    List<ConsumerRecord<String, ? extends SpecificRecord>> records = new ArrayList<>();
    try (TopicSnapshot<String, V> snapshot =
        TopicSnapshot.open(
            connection, new Topic<>(name, typed.keySerde(), typed.valueSerde()), settings)) {
      snapshot.read(records::add);
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
