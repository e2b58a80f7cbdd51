package io.bertstream.ingestor.publish;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.util.Map;

/**
 * What Kafka acknowledged so far.
 *
 * @param published documents acknowledged on the docs topic
 * @param publishedBytes their text's UTF-8 bytes
 * @param deadLettered DLQ records acknowledged, by reason
 * @param failed records (of either topic) that Kafka did not acknowledge
 */
public record PublishCounts(
    long published, long publishedBytes, Map<DeadLetterReason, Long> deadLettered, long failed) {

  public PublishCounts {
    deadLettered = Map.copyOf(deadLettered);
  }

  public long deadLetteredTotal() {
    return deadLettered.values().stream().mapToLong(Long::longValue).sum();
  }
}
