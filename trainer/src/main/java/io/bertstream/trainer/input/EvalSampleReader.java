package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.topic.MissingTopicException;
import io.bertstream.runtime.topic.SnapshotResult;
import io.bertstream.runtime.topic.SnapshotSettings;
import io.bertstream.runtime.topic.TopicSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bounded, fixed evaluation sample: the first {@code limit} valid examples of the eval
 * topic in the order {@link RoundRobinComposer} takes them in training, padded into batches. It
 * reads a {@link TopicSnapshot} (committed records only, up to the end offsets seen at the start),
 * so the sample does not grow while the topic does.
 */
public final class EvalSampleReader {

  private static final Logger LOG = LoggerFactory.getLogger(EvalSampleReader.class);
  private static final String CLIENT_ID = "bertstream-trainer-eval";

  private EvalSampleReader() {}

  /**
   * Reads the sample; an eval topic that does not exist gives an empty one (no evaluation).
   *
   * @param timeout fail when the broker answers nothing for this long
   */
  public static List<Batch> read(
      KafkaConnection connection,
      Topic<String, PretrainingExample> topic,
      int limit,
      int batchSize,
      ExampleValidator validator,
      BatchBuilder builder,
      Duration timeout) {
    if (limit < 1) {
      return List.of();
    }
    // The round-robin takes at most `limit` from any one partition.
    SnapshotSettings settings =
        SnapshotSettings.of(CLIENT_ID).withLimitPerPartition(limit).withTimeout(timeout);
    RoundRobinComposer composer;
    SnapshotResult result;
    try (TopicSnapshot<String, PretrainingExample> snapshot =
        TopicSnapshot.open(connection, topic, settings)) {
      // One example a batch, so the composer's order can be cut at any count.
      composer = new RoundRobinComposer(snapshot.partitions(), 1, 0);
      result =
          snapshot.read(
              record -> {
                String where = topic.name() + "-" + record.partition() + "@" + record.offset();
                if (record.value() == null || validator.check(record.value(), where).isPresent()) {
                  return false;
                }
                composer.add(
                    new FetchedExample(record.partition(), record.offset(), record.value()));
                return true;
              });
    } catch (MissingTopicException e) {
      LOG.warn("evaluation topic {} does not exist: no evaluation", topic.name());
      return List.of();
    }
    List<FetchedExample> ordered = new ArrayList<>();
    while (ordered.size() < limit) {
      // What the snapshot delivered is the whole sample: no partition is waited for.
      Optional<RoundRobinComposer.Composed> next = composer.next(partition -> false);
      if (next.isEmpty()) {
        break;
      }
      ordered.addAll(next.get().examples());
    }
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < ordered.size(); from += batchSize) {
      List<FetchedExample> chunk =
          ordered.subList(from, Math.min(ordered.size(), from + batchSize));
      batches.add(builder.build(new RoundRobinComposer.Composed(chunk, 0)));
    }
    LOG.info(
        "evaluation sample: {} examples from {} ({} records skipped)",
        ordered.size(),
        topic.name(),
        result.skipped());
    return batches;
  }
}
