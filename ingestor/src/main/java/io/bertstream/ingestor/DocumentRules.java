package io.bertstream.ingestor;

import java.util.Objects;

/**
 * How input becomes documents, shared by file ingestion and the HTTP server.
 *
 * @param textField JSON field holding the text
 * @param idField JSON field holding the document id (absent → SHA-256 of the normalized text)
 * @param maxDocBytes the largest document accepted, in bytes of its (uncompressed) source
 * @param invalidUtf8 detect the charset of, replace or reject bytes that are not UTF-8
 * @param dlqPayloadLimit how many bytes of a rejected item's payload the DLQ record keeps
 */
public record DocumentRules(
    String textField,
    String idField,
    int maxDocBytes,
    InvalidUtf8Policy invalidUtf8,
    int dlqPayloadLimit) {

  public static final int DEFAULT_MAX_DOC_BYTES = 8 * 1024 * 1024;
  public static final int DEFAULT_DLQ_PAYLOAD_LIMIT = 64 * 1024;

  public DocumentRules {
    Objects.requireNonNull(textField, "textField");
    Objects.requireNonNull(idField, "idField");
    Objects.requireNonNull(invalidUtf8, "invalidUtf8");
    if (maxDocBytes <= 0) {
      throw new IllegalArgumentException("max-doc-bytes must be positive: " + maxDocBytes);
    }
    if (dlqPayloadLimit < 0) {
      throw new IllegalArgumentException("dlq payload limit must not be negative");
    }
  }

  public static DocumentRules defaults() {
    return new DocumentRules(
        "text", "id", DEFAULT_MAX_DOC_BYTES, InvalidUtf8Policy.DETECT, DEFAULT_DLQ_PAYLOAD_LIMIT);
  }
}
