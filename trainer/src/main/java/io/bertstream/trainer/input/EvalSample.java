package io.bertstream.trainer.input;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Examples of the eval topic and where they lie on it.
 *
 * @param examples the examples, in the order the training round-robin takes them
 * @param ranges partition → first and last offset of the examples taken from it (partitions that
 *     gave none are absent); the valid records inside these ranges are exactly {@code examples}
 * @param endOffsets partition → the end offset seen when the sample was read
 */
public record EvalSample(
    List<FetchedExample> examples,
    SortedMap<Integer, OffsetRange> ranges,
    Map<Integer, Long> endOffsets) {

  public EvalSample {
    examples = List.copyOf(examples);
    ranges = Collections.unmodifiableSortedMap(new TreeMap<>(ranges));
    endOffsets = Map.copyOf(endOffsets);
  }

  /** No example (e.g. the eval topic does not exist yet). */
  public static EvalSample empty() {
    return new EvalSample(List.of(), new TreeMap<>(), Map.of());
  }

  public int size() {
    return examples.size();
  }

  public boolean isEmpty() {
    return examples.isEmpty();
  }

  /** This sample and then {@code more}'s examples, their ranges merged. */
  public EvalSample plus(EvalSample more) {
    List<FetchedExample> all = new ArrayList<>(examples);
    all.addAll(more.examples);
    TreeMap<Integer, OffsetRange> merged = new TreeMap<>(ranges);
    more.ranges.forEach((partition, range) -> merged.merge(partition, range, EvalSample::span));
    return new EvalSample(all, merged, more.endOffsets.isEmpty() ? endOffsets : more.endOffsets);
  }

  /** Padded batches of at most {@code batchSize} examples, in order. */
  public List<Batch> batches(int batchSize, BatchBuilder builder) {
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < examples.size(); from += batchSize) {
      List<FetchedExample> chunk =
          examples.subList(from, Math.min(examples.size(), from + batchSize));
      batches.add(builder.build(new RoundRobinComposer.Composed(chunk, 0)));
    }
    return batches;
  }

  static OffsetRange span(OffsetRange a, OffsetRange b) {
    return new OffsetRange(Math.min(a.first(), b.first()), Math.max(a.last(), b.last()));
  }
}
