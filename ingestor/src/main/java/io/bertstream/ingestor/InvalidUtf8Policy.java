package io.bertstream.ingestor;

/** What happens to bytes that are not valid UTF-8. */
public enum InvalidUtf8Policy {
  /**
   * Decode them with the charset ICU4J detects, when it is confident (Latin-1 and Windows-1252 mail
   * are the common case), and record it as the document's {@code charset} attribute; dead-letter
   * what no charset explains. See {@link io.bertstream.ingestor.source.LegacyCharsets}.
   */
  DETECT,
  /** Replace malformed sequences with U+FFFD and publish. */
  REPLACE,
  /** Dead-letter the document (the original bytes are kept in the DLQ). */
  REJECT
}
