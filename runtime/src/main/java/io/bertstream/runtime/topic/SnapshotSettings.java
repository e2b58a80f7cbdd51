package io.bertstream.runtime.topic;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link TopicSnapshot} reads. Build with {@link #of} and the {@code with...} methods; the
 * defaults are here and nowhere else.
 *
 * @param clientId the consumer's {@code client.id}, so brokers can tell the readers apart
 * @param start where each partition is read from (default: the beginning)
 * @param limit stop after this many records were taken, over all partitions ({@code 0}: no limit)
 * @param limitPerPartition move to the next partition after this many were taken from one ({@code
 *     0}: no limit)
 * @param timeout fail when the broker answers nothing for this long (default 30 s)
 * @param endOffsets null (the default): every partition up to its end offset seen at opening; else
 *     only the partitions listed, each up to the smaller of its listed offset and that end offset
 *     (a bounded range read again later holds the same records, however much the topic grew)
 */
public record SnapshotSettings(
    String clientId,
    StartPosition start,
    long limit,
    long limitPerPartition,
    Duration timeout,
    Map<Integer, Long> endOffsets) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public SnapshotSettings {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(timeout, "timeout");
    if (limit < 0 || limitPerPartition < 0) {
      throw new IllegalArgumentException(
          "limits must not be negative: " + limit + ", " + limitPerPartition);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    endOffsets = endOffsets == null ? null : Map.copyOf(endOffsets);
  }

  /** Settings that read every partition up to its end offset seen at opening. */
  public SnapshotSettings(
      String clientId, StartPosition start, long limit, long limitPerPartition, Duration timeout) {
    this(clientId, start, limit, limitPerPartition, timeout, null);
  }

  /** Everything from the beginning, no limit, the default timeout. */
  public static SnapshotSettings of(String clientId) {
    return new SnapshotSettings(clientId, StartPosition.beginning(), 0, 0, DEFAULT_TIMEOUT, null);
  }

  public SnapshotSettings withStart(StartPosition start) {
    return new SnapshotSettings(clientId, start, limit, limitPerPartition, timeout, endOffsets);
  }

  public SnapshotSettings withLimit(long limit) {
    return new SnapshotSettings(clientId, start, limit, limitPerPartition, timeout, endOffsets);
  }

  public SnapshotSettings withLimitPerPartition(long limitPerPartition) {
    return new SnapshotSettings(clientId, start, limit, limitPerPartition, timeout, endOffsets);
  }

  public SnapshotSettings withTimeout(Duration timeout) {
    return new SnapshotSettings(clientId, start, limit, limitPerPartition, timeout, endOffsets);
  }

  /** Reads only the partitions listed, each up to (not including) its offset here. */
  public SnapshotSettings withEndOffsets(Map<Integer, Long> endOffsets) {
    return new SnapshotSettings(clientId, start, limit, limitPerPartition, timeout, endOffsets);
  }
}
