package io.bertstream.ingestor;

/** Where sources push what they read, one item at a time, so nothing accumulates in memory. */
public interface ItemSink {

  void document(Candidate candidate);

  void reject(Rejection rejection);

  /** Invalid UTF-8 was replaced with U+FFFD at {@code location} (REPLACE policy). */
  default void replacedInvalidUtf8(String location) {}

  /** Input at {@code location} that is not UTF-8 was read in {@code charset} (DETECT policy). */
  default void detectedCharset(String location, String charset) {}
}
