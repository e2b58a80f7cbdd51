package io.bertstream.ingestor.publish;

import java.text.Normalizer;

/**
 * Makes text canonical before it is hashed and published: line breaks become {@code \n}, control
 * characters other than newline and tab are removed, lone surrogates become U+FFFD, and the result
 * is Unicode NFC — so the same text always gets the same id, whatever its source's encoding habits.
 */
public final class TextNormalizer {

  /** Below U+0300 no character composes with its neighbours: such text is already NFC. */
  private static final char FIRST_COMPOSING = '\u0300';

  private TextNormalizer() {}

  public static String normalize(String text) {
    boolean composable = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < FIRST_COMPOSING) {
        if (Character.isISOControl(c) && c != '\n' && c != '\t') {
          return nfc(clean(text));
        }
      } else if (Character.isSurrogate(c)) {
        return nfc(clean(text));
      } else {
        composable = true;
      }
    }
    return composable ? nfc(text) : text;
  }

  private static String nfc(String text) {
    return Normalizer.isNormalized(text, Normalizer.Form.NFC)
        ? text
        : Normalizer.normalize(text, Normalizer.Form.NFC);
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
