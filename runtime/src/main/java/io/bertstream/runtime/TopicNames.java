package io.bertstream.runtime;

import java.util.List;
import java.util.Objects;

/** The project's topics, all named from one prefix (default {@code bertstream}). */
public record TopicNames(String prefix) {

  public static final String DEFAULT_PREFIX = "bertstream";

  public TopicNames {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("topic prefix must not be blank");
    }
  }

  /** Raw documents from the ingestor ({@code RawDocument}). */
  public String docs() {
    return prefix + ".docs";
  }

  /** Documents that could not be ingested or tokenized, with the reason in headers. */
  public String docsDlq() {
    return prefix + ".docs.dlq";
  }

  /** Training examples ({@code PretrainingExample}). */
  public String examples() {
    return prefix + ".examples";
  }

  /** Held-out examples for evaluation. */
  public String examplesEval() {
    return prefix + ".examples.eval";
  }

  public List<String> all() {
    return List.of(docs(), docsDlq(), examples(), examplesEval());
  }
}
