package io.bertstream.ingestor;

/** How a plain-text input is cut into documents. */
public enum TextSplit {
  /** The whole file (or stdin) is one document. */
  NONE,
  /** Paragraphs separated by one or more blank lines. */
  BLANK_LINES,
  /** Every line is a document. */
  LINES
}
