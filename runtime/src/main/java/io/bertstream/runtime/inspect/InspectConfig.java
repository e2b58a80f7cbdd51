package io.bertstream.runtime.inspect;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bertstream inspect docs|examples}.
 *
 * @param kind which record type the topic holds
 * @param topic a topic other than the default one for {@code kind} (e.g. the eval examples)
 * @param limit how many records to print at most
 * @param format one JSON object a line, or text for people
 * @param fromBeginning the first {@code limit} records instead of the latest
 * @param timeout how long to wait for the broker before giving up
 */
public record InspectConfig(
    Kind kind,
    Optional<String> topic,
    int limit,
    OutputFormat format,
    boolean fromBeginning,
    Duration timeout) {

  /** The record types {@code inspect} knows. */
  public enum Kind {
    DOCS,
    EXAMPLES
  }

  /** How records are printed. */
  public enum OutputFormat {
    JSON,
    TEXT
  }

  public InspectConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(timeout, "timeout");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }
}
