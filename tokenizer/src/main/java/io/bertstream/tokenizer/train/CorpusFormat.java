package io.bertstream.tokenizer.train;

/** How a corpus file holds its texts. */
public enum CorpusFormat {
  /** By file name: {@code .jsonl}, {@code .ndjson} (optionally {@code .gz}) are JSON lines. */
  AUTO,
  /** Plain text; every line is text. */
  TEXT,
  /** One JSON object a line; the text is one string field of it. */
  JSONL
}
