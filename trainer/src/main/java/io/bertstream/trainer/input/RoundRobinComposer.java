package io.bertstream.trainer.input;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Composes batches by a rule that depends only on the topic's contents, never on fetch timing.
 *
 * <p>The rule: visit the partitions in ascending order, round-robin, starting at the cursor; take
 * one example from each partition visited. A partition whose next example has not been fetched yet
 * but which still holds data (its read position is below its end offset) is <em>waited for</em>,
 * never skipped; only a partition with no data left is passed over. A batch is emitted once it
 * holds {@code batchSize} examples; a partial batch waits for more data.
 *
 * <p>Hence, on a topic whose data is already there, the sequence of batches is a function of the
 * records and of the starting position (next offset per partition plus cursor) alone: a run resumed
 * from a checkpoint composes exactly the batches an uninterrupted run composed. Not thread safe:
 * owned by the reading thread.
 */
public final class RoundRobinComposer {

  private final int[] partitions;
  private final TreeMap<Integer, ArrayDeque<FetchedExample>> buffers = new TreeMap<>();
  private final int batchSize;
  private final List<FetchedExample> current = new ArrayList<>();
  private int cursor;

  /**
   * @param partitions the partitions read, in any order (they are visited ascending)
   * @param cursor index into the ascending partitions of the one visited first
   */
  public RoundRobinComposer(List<Integer> partitions, int batchSize, int cursor) {
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("no partitions to read");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1");
    }
    this.partitions = partitions.stream().mapToInt(Integer::intValue).sorted().toArray();
    for (int partition : this.partitions) {
      buffers.put(partition, new ArrayDeque<>());
    }
    this.batchSize = batchSize;
    // A checkpoint from a topic with more partitions than now: start over at the first.
    this.cursor = cursor < this.partitions.length ? cursor : 0;
  }

  /** Buffers a fetched example; examples of one partition must arrive in offset order. */
  public void add(FetchedExample example) {
    ArrayDeque<FetchedExample> buffer = buffers.get(example.partition());
    if (buffer == null) {
      throw new IllegalArgumentException("partition " + example.partition() + " is not read");
    }
    buffer.addLast(example);
  }

  /** Examples buffered (fetched, not yet in a batch) for {@code partition}. */
  public int buffered(int partition) {
    return buffers.get(partition).size();
  }

  /**
   * The next complete batch, if the rule can compose one from what is buffered.
   *
   * @param hasMoreData whether a partition with an empty buffer still holds records beyond what was
   *     fetched (then the rule waits for it)
   * @return the examples in batch order, and the cursor after them; empty when it must wait
   */
  public Optional<Composed> next(IntPredicate hasMoreData) {
    int passedOver = 0;
    while (current.size() < batchSize) {
      int partition = partitions[cursor];
      ArrayDeque<FetchedExample> buffer = buffers.get(partition);
      if (!buffer.isEmpty()) {
        current.add(buffer.pollFirst());
        passedOver = 0;
      } else if (hasMoreData.test(partition)) {
        return Optional.empty();
      } else if (++passedOver > partitions.length) {
        // A whole round without data anywhere: wait for new records.
        return Optional.empty();
      }
      cursor = (cursor + 1) % partitions.length;
    }
    List<FetchedExample> batch = List.copyOf(current);
    current.clear();
    return Optional.of(new Composed(batch, cursor));
  }

  /**
   * The partial batch composed so far, taken out (the end of a pass: nothing is left to fill it);
   * empty when there is none.
   */
  public Optional<Composed> flush() {
    if (current.isEmpty()) {
      return Optional.empty();
    }
    List<FetchedExample> batch = List.copyOf(current);
    current.clear();
    return Optional.of(new Composed(batch, cursor));
  }

  /** One composed batch and the cursor the composition continues from. */
  public record Composed(List<FetchedExample> examples, int cursorAfter) {}
}
