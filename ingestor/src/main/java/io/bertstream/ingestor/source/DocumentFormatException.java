package io.bertstream.ingestor.source;

import io.bertstream.ingestor.DlqReason;

/** A JSON document that cannot become a document: malformed, or without its text field. */
public final class DocumentFormatException extends Exception {

  private final DlqReason reason;

  public DocumentFormatException(DlqReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public DlqReason reason() {
    return reason;
  }
}
