package io.bertstream.ingestor;

/** What happens to bytes that are not valid UTF-8. */
public enum InvalidUtf8Policy {
  /** Replace malformed sequences with U+FFFD and publish. */
  REPLACE,
  /** Dead-letter the document (the original bytes are kept in the DLQ). */
  REJECT
}
