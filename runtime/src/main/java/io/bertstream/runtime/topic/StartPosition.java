package io.bertstream.runtime.topic;

import java.util.Map;

/** Where a reader starts in each partition, given the partition's first and end offsets. */
public sealed interface StartPosition {

  /** The offset to seek {@code partition} to; {@code end} is the end offset seen at start. */
  long offset(int partition, long beginning, long end);

  /** Every partition from its first record still held. */
  static StartPosition beginning() {
    return new Beginning();
  }

  /** The given next offset per partition; partitions without one start at the beginning. */
  static StartPosition offsets(Map<Integer, Long> next) {
    return new Offsets(next);
  }

  /** The last {@code count} offsets of every partition (fewer where it holds fewer). */
  static StartPosition latest(long count) {
    return new Latest(count);
  }

  /** See {@link #beginning()}. */
  record Beginning() implements StartPosition {
    @Override
    public long offset(int partition, long beginning, long end) {
      return beginning;
    }
  }

  /**
   * See {@link #offsets(Map)}. An offset is used as given, even below the beginning (retention
   * removed it: the consumer's reset policy then decides) or at the end.
   */
  record Offsets(Map<Integer, Long> next) implements StartPosition {
    public Offsets {
      next = Map.copyOf(next);
    }

    @Override
    public long offset(int partition, long beginning, long end) {
      return next.getOrDefault(partition, beginning);
    }
  }

  /**
   * See {@link #latest(long)}. Counts offsets, not records: on a transactional topic the commit
   * markers and aborted records in that span leave fewer records to read.
   */
  record Latest(long count) implements StartPosition {
    public Latest {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative: " + count);
      }
    }

    @Override
    public long offset(int partition, long beginning, long end) {
      return Math.max(beginning, end - count);
    }
  }
}
