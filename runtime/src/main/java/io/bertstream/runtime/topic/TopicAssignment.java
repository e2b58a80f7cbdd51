package io.bertstream.runtime.topic;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer assigned every partition of one topic, without a consumer group (so no rebalance can
 * take a partition away and nothing is committed), positioned at a {@link StartPosition}.
 *
 * <p>The end offsets are those seen right after the assignment. On a consumer that reads with
 * {@code isolation.level=read_committed} they are the last stable offsets: no record below them
 * belongs to a transaction that is still open.
 *
 * @param topic the topic
 * @param partitions its partitions, ascending
 * @param startOffsets partition → the offset the consumer was positioned at
 * @param endOffsets partition → the end offset seen at assignment
 */
public record TopicAssignment(
    String topic,
    List<Integer> partitions,
    Map<Integer, Long> startOffsets,
    Map<Integer, Long> endOffsets) {

  public TopicAssignment {
    Objects.requireNonNull(topic, "topic");
    partitions = List.copyOf(partitions);
    startOffsets = Map.copyOf(startOffsets);
    endOffsets = Map.copyOf(endOffsets);
  }

  /**
   * Assigns {@code consumer} every partition of {@code topic} and seeks each to {@code start}.
   *
   * @param timeout the most each metadata or offsets request may wait
   * @throws MissingTopicException when the topic does not exist
   */
  public static TopicAssignment assignAll(
      Consumer<?, ?> consumer, String topic, StartPosition start, Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new MissingTopicException(topic);
    }
    List<TopicPartition> partitions =
        infos.stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .sorted(Comparator.comparingInt(TopicPartition::partition))
            .toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Map<Integer, Long> starts = new LinkedHashMap<>();
    Map<Integer, Long> ends = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      long offset =
          start.offset(partition.partition(), beginning.get(partition), end.get(partition));
      consumer.seek(partition, offset);
      starts.put(partition.partition(), offset);
      ends.put(partition.partition(), end.get(partition));
    }
    return new TopicAssignment(
        topic, partitions.stream().map(TopicPartition::partition).toList(), starts, ends);
  }

  /** Offsets between the start and the end, summed over partitions: an upper bound on records. */
  public long offsetsToRead() {
    return partitions.stream()
        .mapToLong(p -> Math.max(0, endOffsets.get(p) - startOffsets.get(p)))
        .sum();
  }

  /** The partition as the consumer names it. */
  public TopicPartition topicPartition(int partition) {
    return new TopicPartition(topic, partition);
  }
}
