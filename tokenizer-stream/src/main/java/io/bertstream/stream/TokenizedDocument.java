package io.bertstream.stream;

import java.util.List;

/**
 * A document (version) after sentence splitting and tokenization; passed between processors in
 * memory.
 *
 * @param docId the document id
 * @param version its version (see {@link DocumentVersion})
 */
public record TokenizedDocument(String docId, int version, List<int[]> sentences) {

  public TokenizedDocument {
    sentences = List.copyOf(sentences);
  }

  /** The prefix of this version's example ids: {@link DocumentVersion#label(String, int)}. */
  public String label() {
    return DocumentVersion.label(docId, version);
  }
}
