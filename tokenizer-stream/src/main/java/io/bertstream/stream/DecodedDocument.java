package io.bertstream.stream;

import java.util.Objects;

/**
 * A document as decoded from its record, passed between processors in memory.
 *
 * @param id the document id
 * @param text its text, stripped of surrounding whitespace ({@code ""} when it had none)
 * @param payload the record's original bytes, for the DLQ should a later step give up on it
 */
public record DecodedDocument(String id, String text, byte[] payload) {

  public DecodedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(payload, "payload");
  }
}
