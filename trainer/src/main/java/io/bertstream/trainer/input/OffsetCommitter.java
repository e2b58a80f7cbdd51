package io.bertstream.trainer.input;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a durable checkpoint's offsets to the consumer group, so that lag tools see the trainer's
 * progress. The checkpoint stays the truth: a failed commit is logged, never fatal.
 */
public final class OffsetCommitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;

  public OffsetCommitter(Consumer<byte[], byte[]> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
  }

  /** Commits synchronously; returns whether the group accepted the offsets. */
  public boolean commit(InputPosition position, long step) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    position
        .nextOffsets()
        .forEach(
            (partition, next) ->
                offsets.put(
                    new TopicPartition(topic, partition),
                    new OffsetAndMetadata(next, "step=" + step)));
    if (offsets.isEmpty()) {
      return true;
    }
    try {
      consumer.commitSync(offsets);
      return true;
    } catch (KafkaException e) {
      LOG.warn("could not commit the offsets of step {} to the group: {}", step, e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
