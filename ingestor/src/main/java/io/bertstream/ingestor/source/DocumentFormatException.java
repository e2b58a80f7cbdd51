package io.bertstream.ingestor.source;

import io.bertstream.runtime.deadletter.DeadLetterReason;

/** A JSON document that cannot become a document: malformed, or without its text field. */
public final class DocumentFormatException extends Exception {

  private final DeadLetterReason reason;

  public DocumentFormatException(DeadLetterReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
