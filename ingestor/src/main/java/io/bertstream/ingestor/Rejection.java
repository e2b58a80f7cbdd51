package io.bertstream.ingestor;

import io.bertstream.runtime.deadletter.DeadLetter;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.deadletter.DeadLetterStage;
import java.util.Objects;

/**
 * An input item that will not be published: it goes to the DLQ with its reason and location.
 *
 * @param key the DLQ record key: the document id when known, else the location
 * @param payload the original bytes (the DLQ record keeps a prefix of them)
 * @param reason why; one the ingest stage gives
 * @param detail a short human explanation (byte offset, parser message, size)
 * @param location {@code file:line}, {@code file} or {@code http}
 */
public record Rejection(
    String key, byte[] payload, DeadLetterReason reason, String detail, String location) {

  public Rejection {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    DeadLetterStage.INGEST.require(Objects.requireNonNull(reason, "reason"));
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(location, "location");
  }

  /** What the DLQ record's headers say about it. */
  public DeadLetter deadLetter() {
    return new DeadLetter(DeadLetterStage.INGEST, reason, detail, location);
  }

  /** Keyed by location: for items whose id is unknown. */
  public static Rejection at(
      String location, byte[] payload, DeadLetterReason reason, String detail) {
    return new Rejection(location, payload, reason, detail, location);
  }
}
