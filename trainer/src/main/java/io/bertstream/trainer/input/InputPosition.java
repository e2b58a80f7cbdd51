package io.bertstream.trainer.input;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where reading resumes: the pass over the topic, the next offset of every partition consumed in
 * that pass, and the partition the round-robin composition visits next. Stored in every checkpoint.
 *
 * @param nextOffsets partition → offset of the next record to read in this pass; partitions not
 *     listed start at the beginning
 * @param cursor index (in ascending partition order) of the partition visited next
 * @param pass the pass over the topic (1 for the first; {@code --epochs}); checkpoints that predate
 *     passes read as 1
 */
public record InputPosition(SortedMap<Integer, Long> nextOffsets, int cursor, int pass) {

  public InputPosition {
    nextOffsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nextOffsets));
    if (cursor < 0) {
      throw new IllegalArgumentException("cursor must be >= 0");
    }
    if (pass == 0) {
      pass = 1;
    }
    if (pass < 0) {
      throw new IllegalArgumentException("pass must be >= 1, got " + pass);
    }
  }

  /** A position in the first pass. */
  public InputPosition(SortedMap<Integer, Long> nextOffsets, int cursor) {
    this(nextOffsets, cursor, 1);
  }

  /** Nothing consumed yet: every partition from its beginning, starting with the first. */
  public static InputPosition start() {
    return new InputPosition(new TreeMap<>(), 0, 1);
  }

  /** The position after training on {@code batch}; a batch of a later pass starts that pass. */
  public InputPosition after(Batch batch) {
    if (batch.pass() < pass) {
      throw new IllegalArgumentException(
          "a batch of pass " + batch.pass() + " cannot follow pass " + pass);
    }
    TreeMap<Integer, Long> next =
        batch.pass() == pass ? new TreeMap<>(nextOffsets) : new TreeMap<>();
    for (Map.Entry<Integer, OffsetRange> range : batch.offsets().entrySet()) {
      next.merge(range.getKey(), range.getValue().last() + 1, Math::max);
    }
    return new InputPosition(next, batch.cursorAfter(), batch.pass());
  }
}
