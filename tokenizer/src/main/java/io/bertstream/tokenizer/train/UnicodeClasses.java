package io.bertstream.tokenizer.train;

/** Character classes as Rust (and so HuggingFace tokenizers) defines them. */
final class UnicodeClasses {

  private UnicodeClasses() {}

  /**
   * Unicode White_Space, which Rust's {@code char::is_whitespace} uses; Java's {@code
   * Character.isWhitespace} differs (no-break spaces, U+001C..U+001F).
   */
  static boolean isWhitespace(int c) {
    return (c >= 0x09 && c <= 0x0D)
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or Unicode P*. */
  static boolean isPunctuation(int c) {
    if (c < 0x80) {
      return (c >= 0x21 && c <= 0x2F)
          || (c >= 0x3A && c <= 0x40)
          || (c >= 0x5B && c <= 0x60)
          || (c >= 0x7B && c <= 0x7E);
    }
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }
}
