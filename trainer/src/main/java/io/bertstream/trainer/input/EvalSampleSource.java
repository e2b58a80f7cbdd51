package io.bertstream.trainer.input;

import java.util.Map;
import java.util.SortedMap;

/** Where evaluation samples come from: {@link EvalSampleReader} reads them from the eval topic. */
public interface EvalSampleSource {

  /**
   * The first {@code limit} valid examples in round-robin order, each partition from its offset in
   * {@code from} (its beginning when absent).
   */
  EvalSample first(int limit, Map<Integer, Long> from);

  /** The valid examples inside {@code ranges} (both ends inclusive), in round-robin order. */
  EvalSample within(SortedMap<Integer, OffsetRange> ranges);

  /** Up to the {@code perPartition} newest valid examples of every partition. */
  EvalSample newest(int perPartition);
}
