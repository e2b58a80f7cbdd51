package io.bertstream.stream;

import java.util.Objects;

/**
 * A document the stream has not turned into examples before, with its version: 1 the first time its
 * id is seen, one more each time the id returns with different text.
 */
public record DocumentVersion(DecodedDocument document, int version) {

  public DocumentVersion {
    Objects.requireNonNull(document, "document");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
  }

  /** What the document's example ids start with: {@link #label(String, int)}. */
  public String label() {
    return label(document.id(), version);
  }

  /**
   * {@code <doc id>} for version 1, {@code <doc id>@v<version>} after: the prefix of the version's
   * example ids ({@code <label>/<n>}) and the key of its random choices, so a new version gets new,
   * still deterministic, examples and never reuses an id of an older one.
   */
  public static String label(String docId, int version) {
    return version == 1 ? docId : docId + "@v" + version;
  }
}
