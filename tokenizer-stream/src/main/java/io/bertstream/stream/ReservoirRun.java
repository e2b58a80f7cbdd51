package io.bertstream.stream;

import java.util.List;

/** Consecutive sentences (token ids) of one document, as kept in the reservoir. */
public record ReservoirRun(String docId, List<int[]> sentences) {

  public ReservoirRun {
    sentences = List.copyOf(sentences);
  }
}
