package io.bertstream.trainer.input;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where reading resumes: the next offset of every partition that has been consumed, and the
 * partition the round-robin composition visits next. Stored in every checkpoint.
 *
 * @param nextOffsets partition → offset of the next record to read; partitions not listed start at
 *     the beginning
 * @param cursor index (in ascending partition order) of the partition visited next
 */
public record InputPosition(SortedMap<Integer, Long> nextOffsets, int cursor) {

  public InputPosition {
    nextOffsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nextOffsets));
    if (cursor < 0) {
      throw new IllegalArgumentException("cursor must be >= 0");
    }
  }

  /** Nothing consumed yet: every partition from its beginning, starting with the first. */
  public static InputPosition start() {
    return new InputPosition(new TreeMap<>(), 0);
  }

  /** The position after training on {@code batch}. */
  public InputPosition after(Batch batch) {
    TreeMap<Integer, Long> next = new TreeMap<>(nextOffsets);
    for (Map.Entry<Integer, OffsetRange> range : batch.offsets().entrySet()) {
      next.merge(range.getKey(), range.getValue().last() + 1, Math::max);
    }
    return new InputPosition(next, batch.cursorAfter());
  }
}
