package io.bertstream.ingestor.publish;

import java.text.Normalizer;

/**
 * Makes text canonical before it is hashed and published: line breaks become {@code \n}, control
 * characters other than newline and tab are removed, lone surrogates become U+FFFD, and the result
 * is Unicode NFC — so the same text always gets the same id, whatever its source's encoding habits.
 */
public final class TextNormalizer {

  private TextNormalizer() {}

  public static String normalize(String text) {
    String cleaned = needsCleaning(text) ? clean(text) : text;
    return Normalizer.isNormalized(cleaned, Normalizer.Form.NFC)
        ? cleaned
        : Normalizer.normalize(cleaned, Normalizer.Form.NFC);
  }

  private static boolean needsCleaning(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((Character.isISOControl(c) && c != '\n' && c != '\t') || Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      if (cp == '\r') {
        out.append('\n');
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          width = 2;
        }
      } else if (cp == '\n' || cp == '\t') {
        out.append((char) cp);
      } else if (Character.isISOControl(cp)) {
        // dropped: NUL, backspace, escape sequences' ESC, C1 controls
      } else if (Character.isSurrogate((char) cp)) {
        out.append('\uFFFD');
      } else {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out.toString();
  }
}
