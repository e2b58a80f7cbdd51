package io.bertstream.ingestor.source;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads text that is not UTF-8 in the charset ICU4J's {@code CharsetDetector} finds, when that is
 * confident; otherwise says why not. Only input that failed UTF-8 validation comes here, so the
 * common path pays nothing.
 *
 * <p>A charset is used when all of these hold, in this order:
 *
 * <ol>
 *   <li>the bytes are not mostly well-formed UTF-8 (at least as many bad bytes as multi-byte
 *       characters): broken UTF-8 read as Windows-1252 would turn its good characters into
 *       mojibake, so it is undecidable;
 *   <li>ICU's confidence is at least {@value #MIN_CONFIDENCE} of 100. Measured on State of the
 *       Union text re-encoded in Windows-1252: 100% of 500-byte pieces, 97% of 200-byte and 90% of
 *       80-byte pieces reach it, always as Windows-1252 or ISO-8859-1;
 *   <li>the whole input decodes in that charset without a malformed or unmappable byte;
 *   <li>the text has no NUL and at most one other control character (tab, line breaks and form feed
 *       aside) per thousand characters. Uniformly random bytes often pass the confidence test when
 *       short (one in five at 4 bytes, one in 300 at 32), but an eighth of them decode to control
 *       characters: with this check none of 3,000 random inputs of 32 bytes or more was accepted.
 * </ol>
 *
 * ICU's ISO-8859-1 is read as Windows-1252, as browsers do (the WHATWG encoding standard): the two
 * agree on every printable Latin-1 character, and bytes 0x80–0x9F in real text are Windows-1252's
 * quotes and dashes, not C1 controls.
 */
public final class LegacyCharsets {

  /** The document attribute that records the charset a document was read in. */
  public static final String ATTRIBUTE = "charset";

  /** ICU's confidence (0–100) from which its answer is used. */
  public static final int MIN_CONFIDENCE = 50;

  /** ICU looks at this much of a document: plenty for a confident answer, bounded for 8 MiB. */
  static final int DETECTION_BYTES = 64 * 1024;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private LegacyCharsets() {}

  /** The text and the charset it was read in, or (text null) why no charset explains the bytes. */
  public record Detection(String text, String charset, String whyNot) {
    public boolean ok() {
      return text != null;
    }
  }

  /** Reads {@code bytes[0..length)}, which are known not to be UTF-8. */
  public static Detection decode(byte[] bytes, int length) {
    Utf8.Census census = Utf8.census(bytes, 0, length);
    if (census.multiByteCharacters() >= census.malformedBytes()) {
      return undecidable(
          "mostly UTF-8 ("
              + census.multiByteCharacters()
              + " multi-byte characters, "
              + census.malformedBytes()
              + " bad bytes): broken UTF-8, not another charset");
    }
    CharsetDetector detector = new CharsetDetector();
    detector.setText(Arrays.copyOf(bytes, Math.min(length, DETECTION_BYTES)));
    CharsetMatch[] matches = detector.detectAll();
    for (CharsetMatch match : matches) {
      if (match.getConfidence() < MIN_CONFIDENCE) {
        break;
      }
      Charset charset = charset(match.getName());
      if (charset == null) {
        continue;
      }
      String text = strictly(charset, bytes, length);
      if (text != null && looksLikeText(text)) {
        return new Detection(text, charset.name().toLowerCase(Locale.ROOT), null);
      }
    }
    return undecidable(
        matches.length == 0
            ? "no charset detected"
            : "no confident charset (best guess "
                + matches[0].getName()
                + " at "
                + matches[0].getConfidence()
                + "/100)");
  }

  private static Detection undecidable(String why) {
    return new Detection(null, null, why);
  }

  /** The charset to decode ICU's answer with, or null for UTF-8 (already failed) or an unknown. */
  private static Charset charset(String icuName) {
    if (icuName.equalsIgnoreCase("UTF-8")) {
      return null;
    }
    if (icuName.equalsIgnoreCase("ISO-8859-1")) {
      return WINDOWS_1252;
    }
    try {
      return Charset.isSupported(icuName) ? Charset.forName(icuName) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String strictly(Charset charset, byte[] bytes, int length) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean looksLikeText(String text) {
    int controls = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.getType(c) == Character.CONTROL
          && c != '\t'
          && c != '\n'
          && c != '\r'
          && c != '\f') {
        controls++;
      }
    }
    return controls <= text.length() / 1000;
  }
}
