package io.bertstream.ingestor;

import java.util.Locale;

/** Why an input item was dead-lettered; {@link #code()} goes into the reason header and metrics. */
public enum DlqReason {
  /** Bytes that are not UTF-8, rejected under {@code --on-invalid-utf8 reject}. */
  INVALID_UTF8,
  /** A file whose first kilobyte holds NUL bytes or mostly control bytes. */
  BINARY,
  /** A document (file, line or paragraph) over {@code --max-doc-bytes}. */
  TOO_LARGE,
  /** A JSON line that does not parse, is not an object, or has a non-string text field. */
  MALFORMED_JSON,
  /** A JSON object without the text field. */
  MISSING_TEXT,
  /** A file or directory entry that cannot be opened or read. */
  UNREADABLE,
  /** A gzip stream that is truncated or corrupt. */
  CORRUPT_COMPRESSION;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
