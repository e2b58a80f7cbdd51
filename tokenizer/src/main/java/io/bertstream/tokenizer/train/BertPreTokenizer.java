package io.bertstream.tokenizer.train;

import java.util.function.Consumer;

/**
 * HuggingFace's {@code BertPreTokenizer}: split on whitespace, then make every punctuation
 * character a word of its own.
 */
public final class BertPreTokenizer {

  private BertPreTokenizer() {}

  /** Hands each word of {@code text} to {@code sink}, in order. */
  public static void split(String text, Consumer<String> sink) {
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      if (UnicodeClasses.isWhitespace(c)) {
        if (start >= 0) {
          sink.accept(text.substring(start, i));
          start = -1;
        }
      } else if (UnicodeClasses.isPunctuation(c)) {
        if (start >= 0) {
          sink.accept(text.substring(start, i));
          start = -1;
        }
        sink.accept(text.substring(i, next));
      } else if (start < 0) {
        start = i;
      }
      i = next;
    }
    if (start >= 0) {
      sink.accept(text.substring(start));
    }
  }
}
