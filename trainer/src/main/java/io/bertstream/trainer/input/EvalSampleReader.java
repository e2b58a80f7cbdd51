package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.topic.MissingTopicException;
import io.bertstream.runtime.topic.SnapshotSettings;
import io.bertstream.runtime.topic.StartPosition;
import io.bertstream.runtime.topic.TopicSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads evaluation examples from the eval topic, always through a bounded {@link TopicSnapshot}
 * (committed records only, up to the end offsets seen at the start), keeping the valid ones in the
 * order {@link RoundRobinComposer} takes them in training:
 *
 * <ul>
 *   <li>{@link #first}: the first {@code limit} valid examples (from given offsets on), which is
 *       how the fixed evaluation set is chosen and grown;
 *   <li>{@link #within}: the valid examples inside recorded offset ranges, the fixed set read again
 *       after a restart — the same records however much the topic grew;
 *   <li>{@link #newest}: the newest valid examples of every partition, the "recent" set.
 * </ul>
 *
 * An eval topic that does not exist gives an empty sample.
 */
public final class EvalSampleReader implements EvalSampleSource {

  private static final Logger LOG = LoggerFactory.getLogger(EvalSampleReader.class);
  private static final String CLIENT_ID = "bertstream-trainer-eval";
  // Offsets, not records, bound where a "newest" read starts; transaction markers take offsets.
  private static final int NEWEST_OFFSETS_PER_EXAMPLE = 2;

  private final KafkaConnection connection;
  private final Topic<String, PretrainingExample> topic;
  private final ExampleValidator validator;
  private final Duration timeout;
  private volatile boolean missingTopicReported;

  /**
   * @param timeout fail when the broker answers nothing for this long
   */
  public EvalSampleReader(
      KafkaConnection connection,
      Topic<String, PretrainingExample> topic,
      ExampleValidator validator,
      Duration timeout) {
    this.connection = connection;
    this.topic = topic;
    this.validator = validator;
    this.timeout = timeout;
  }

  /**
   * The first {@code limit} valid examples in round-robin order, each partition read from its
   * offset in {@code from} (its beginning when absent).
   */
  @Override
  public EvalSample first(int limit, Map<Integer, Long> from) {
    if (limit < 1) {
      return EvalSample.empty();
    }
    // The round-robin takes at most `limit` from any one partition.
    SnapshotSettings settings =
        SnapshotSettings.of(CLIENT_ID)
            .withStart(StartPosition.offsets(from))
            .withLimitPerPartition(limit)
            .withTimeout(timeout);
    return read(settings, limit, 0);
  }

  /** The valid examples inside {@code ranges} (both ends inclusive), in round-robin order. */
  @Override
  public EvalSample within(SortedMap<Integer, OffsetRange> ranges) {
    Map<Integer, Long> starts = new HashMap<>();
    Map<Integer, Long> ends = new HashMap<>();
    ranges.forEach(
        (partition, range) -> {
          starts.put(partition, range.first());
          ends.put(partition, range.last() + 1);
        });
    SnapshotSettings settings =
        SnapshotSettings.of(CLIENT_ID)
            .withStart(StartPosition.offsets(starts))
            .withEndOffsets(ends)
            .withTimeout(timeout);
    return read(settings, Integer.MAX_VALUE, 0);
  }

  /**
   * Up to the {@code perPartition} newest valid examples of every partition (fewer where the last
   * {@code 2 × perPartition} offsets hold fewer), in round-robin order.
   */
  @Override
  public EvalSample newest(int perPartition) {
    if (perPartition < 1) {
      return EvalSample.empty();
    }
    SnapshotSettings settings =
        SnapshotSettings.of(CLIENT_ID)
            .withStart(StartPosition.latest((long) perPartition * NEWEST_OFFSETS_PER_EXAMPLE))
            .withTimeout(timeout);
    return read(settings, Integer.MAX_VALUE, perPartition);
  }

  /**
   * Reads {@code settings}' snapshot, keeps the valid examples (only the last {@code keepLast} of
   * each partition when positive) and composes them round-robin, cut at {@code limit}.
   */
  private EvalSample read(SnapshotSettings settings, int limit, int keepLast) {
    Map<Integer, ArrayDeque<FetchedExample>> valid = new HashMap<>();
    List<Integer> partitions;
    Map<Integer, Long> endOffsets;
    long skipped;
    try (TopicSnapshot<String, PretrainingExample> snapshot =
        TopicSnapshot.open(connection, topic, settings)) {
      partitions = snapshot.partitions();
      endOffsets = snapshot.assignment().endOffsets();
      skipped =
          snapshot
              .read(
                  record -> {
                    String where = topic.name() + "-" + record.partition() + "@" + record.offset();
                    if (record.value() == null
                        || validator.check(record.value(), where).isPresent()) {
                      return false;
                    }
                    ArrayDeque<FetchedExample> kept =
                        valid.computeIfAbsent(record.partition(), p -> new ArrayDeque<>());
                    kept.addLast(
                        new FetchedExample(record.partition(), record.offset(), record.value()));
                    if (keepLast > 0 && kept.size() > keepLast) {
                      kept.removeFirst();
                    }
                    return true;
                  })
              .skipped();
    } catch (MissingTopicException e) {
      if (!missingTopicReported) {
        missingTopicReported = true;
        LOG.warn("evaluation topic {} does not exist (yet): no evaluation scores", topic.name());
      }
      return EvalSample.empty();
    }
    // One example a batch, so the composer's order can be cut at any count.
    RoundRobinComposer composer = new RoundRobinComposer(partitions, 1, 0);
    valid.values().forEach(kept -> kept.forEach(composer::add));
    List<FetchedExample> ordered = new ArrayList<>();
    SortedMap<Integer, OffsetRange> ranges = new TreeMap<>();
    while (ordered.size() < limit) {
      // What the snapshot delivered is the whole sample: no partition is waited for.
      Optional<RoundRobinComposer.Composed> next = composer.next(partition -> false);
      if (next.isEmpty()) {
        break;
      }
      for (FetchedExample example : next.get().examples()) {
        ordered.add(example);
        OffsetRange at = new OffsetRange(example.offset(), example.offset());
        ranges.merge(example.partition(), at, EvalSample::span);
      }
    }
    LOG.debug(
        "{} evaluation examples from {} ({} records skipped)",
        ordered.size(),
        topic.name(),
        skipped);
    return new EvalSample(ordered, ranges, endOffsets);
  }
}
