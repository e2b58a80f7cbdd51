package io.bertstream.ingestor;

/** How an input's bytes become documents. */
public enum InputFormat {
  /** By extension ({@code .jsonl}, {@code .ndjson}, {@code .json} → JSON Lines), else text. */
  AUTO,
  TEXT,
  JSONL
}
