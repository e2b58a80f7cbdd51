package io.bertstream.ingestor;

import java.util.Objects;

/**
 * An input item that will not be published: it goes to the DLQ with its reason and location.
 *
 * @param key the DLQ record key: the document id when known, else the location
 * @param payload the original bytes (the DLQ record keeps a prefix of them)
 * @param reason why
 * @param detail a short human explanation (byte offset, parser message, size)
 * @param location {@code file:line}, {@code file} or {@code http}
 */
public record Rejection(
    String key, byte[] payload, DlqReason reason, String detail, String location) {

  public Rejection {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(location, "location");
  }

  /** Keyed by location: for items whose id is unknown. */
  public static Rejection at(String location, byte[] payload, DlqReason reason, String detail) {
    return new Rejection(location, payload, reason, detail, location);
  }
}
