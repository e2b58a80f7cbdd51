package io.bertstream.ingestor;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A document as a source read it: decoded but not yet normalized, without its final id.
 *
 * @param text the decoded text
 * @param id the source's own id, if it gave one
 * @param attributes scalar metadata (title, year, ...)
 * @param source what RawDocument.source will say: a file path or {@code http}
 * @param location where exactly it came from, for DLQ headers and logs ({@code file:line})
 */
public record Candidate(
    String text,
    Optional<String> id,
    Map<String, String> attributes,
    String source,
    String location) {

  public Candidate {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(id, "id");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
  }
}
