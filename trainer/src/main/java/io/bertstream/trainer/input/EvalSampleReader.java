package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a bounded, fixed evaluation sample: the first {@code limit} examples of the eval topic in
 * round-robin partition order (the same rule as training), padded into batches. Reading stops at
 * the end offsets seen at the start, so the sample does not grow while the topic does.
 */
public final class EvalSampleReader {

  private static final Logger LOG = LoggerFactory.getLogger(EvalSampleReader.class);

  private EvalSampleReader() {}

  /** Reads the sample; gives up on what is missing after {@code timeout}. */
  public static List<Batch> read(
      Consumer<String, PretrainingExample> consumer,
      String topic,
      int limit,
      int batchSize,
      ExampleValidator validator,
      BatchBuilder builder,
      Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      LOG.warn("evaluation topic {} does not exist: no evaluation", topic);
      return List.of();
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    partitions.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    TreeMap<Integer, ArrayDeque<FetchedExample>> buffers = new TreeMap<>();
    partitions.forEach(p -> buffers.put(p.partition(), new ArrayDeque<>()));
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      List<TopicPartition> open = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        boolean full = buffers.get(partition.partition()).size() >= limit;
        if (!full && consumer.position(partition) < ends.get(partition)) {
          open.add(partition);
        }
      }
      if (open.isEmpty()) {
        break;
      }
      consumer.pause(partitions);
      consumer.resume(open);
      try {
        for (ConsumerRecord<String, PretrainingExample> record :
            consumer.poll(Duration.ofMillis(500))) {
          String where = topic + "-" + record.partition() + "@" + record.offset();
          if (record.value() != null
              && record.offset() < ends.get(new TopicPartition(topic, record.partition()))
              && validator.check(record.value(), where).isEmpty()) {
            buffers
                .get(record.partition())
                .add(new FetchedExample(record.partition(), record.offset(), record.value()));
          }
        }
      } catch (RecordDeserializationException e) {
        LOG.warn("skipping undecodable evaluation record {}@{}", e.topicPartition(), e.offset());
        consumer.seek(e.topicPartition(), e.offset() + 1);
      }
    }
    List<FetchedExample> ordered = new ArrayList<>();
    while (ordered.size() < limit && buffers.values().stream().anyMatch(b -> !b.isEmpty())) {
      for (ArrayDeque<FetchedExample> buffer : buffers.values()) {
        if (!buffer.isEmpty() && ordered.size() < limit) {
          ordered.add(buffer.pollFirst());
        }
      }
    }
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < ordered.size(); from += batchSize) {
      List<FetchedExample> chunk =
          ordered.subList(from, Math.min(ordered.size(), from + batchSize));
      batches.add(builder.build(new RoundRobinComposer.Composed(chunk, 0)));
    }
    LOG.info("evaluation sample: {} examples from {}", ordered.size(), topic);
    return batches;
  }
}
