package io.bertstream.tokenizer.train;

import io.bertstream.tokenizer.Normalization;
import java.text.Normalizer;
import java.util.Locale;

/**
 * HuggingFace's {@code BertNormalizer} in Java, so training sees the text exactly as the loaded
 * tokenizer will: drop control characters, map whitespace to a space, pad CJK ideographs with
 * spaces, strip accents (NFD, drop non-spacing marks), lowercase character by character.
 */
public final class BertNormalizer {

  private final Normalization settings;

  public BertNormalizer(Normalization settings) {
    this.settings = settings;
  }

  public String normalize(String text) {
    if (isPrintableAscii(text)) {
      return settings.lowercase() ? asciiLowercase(text) : text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              if (settings.cleanText()) {
                if (c == 0 || c == 0xFFFD || isControl(c)) {
                  return;
                }
                if (UnicodeClasses.isWhitespace(c)) {
                  c = ' ';
                }
              }
              if (settings.handleChineseChars() && isChinese(c)) {
                out.append(' ').appendCodePoint(c).append(' ');
              } else {
                out.appendCodePoint(c);
              }
            });
    String result = out.toString();
    if (settings.stripAccents()) {
      result = stripAccents(result);
    }
    return settings.lowercase() ? lowercase(result) : result;
  }

  /** Tabs and newlines count: they become spaces either way. */
  private static boolean isPrintableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
        return false;
      }
    }
    return true;
  }

  private static String asciiLowercase(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = text.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (chars[j] >= 'A' && chars[j] <= 'Z') {
            chars[j] = (char) (chars[j] + ('a' - 'A'));
          }
        }
        return new String(chars);
      }
    }
    return text;
  }

  private static String stripAccents(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /** Per character, like Rust's {@code char::to_lowercase}: no context rules (final sigma). */
  private static String lowercase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c < 0x80) {
                out.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
              } else {
                out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
              }
            });
    return out.toString();
  }

  /** Unicode "Other" (Cc, Cf, Cs, Co, Cn), except tab, newline and carriage return. */
  static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED;
  }

  /** The CJK Unified Ideograph blocks BERT pads with spaces. */
  static boolean isChinese(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B920 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
