package io.bertstream.stream;

import java.util.List;

/** A document after sentence splitting and tokenization; passed between processors in memory. */
public record TokenizedDocument(String docId, List<int[]> sentences) {

  public TokenizedDocument {
    sentences = List.copyOf(sentences);
  }
}
