package io.bertstream.ingestor.source;

import io.bertstream.ingestor.InvalidUtf8Policy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) that says where
 * the first malformed byte is.
 *
 * <p>The JDK has no validating decoder that is also fast: {@code new String(bytes, UTF_8)} is, but
 * it replaces silently, and a {@code CharsetDecoder} that reports costs a second buffer of chars
 * per document. So the bytes are checked here, eight ASCII bytes at a time, and then decoded by the
 * fast constructor.
 */
public final class Utf8 {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * The outcome of decoding: the text, or why there is none.
   *
   * @param text the text, or null when the bytes were refused
   * @param replaced whether malformed sequences became U+FFFD (REPLACE)
   * @param charset the charset the text was detected in when it was not UTF-8 (DETECT), else null
   * @param invalidOffset the offset of the first malformed byte, or -1 when all was UTF-8
   * @param whyUndetected why no charset explained bytes that are not UTF-8 (DETECT), else null
   */
  public record Decoded(
      String text, boolean replaced, String charset, long invalidOffset, String whyUndetected) {

    public boolean ok() {
      return text != null;
    }

    /** The DLQ detail of refused bytes: where UTF-8 failed, and why no charset was found. */
    public String failure() {
      return "invalid UTF-8 at byte offset "
          + invalidOffset
          + (whyUndetected == null ? "" : "; " + whyUndetected);
    }

    /** {@code attributes}, plus the {@code charset} the text was read in when it was detected. */
    public Map<String, String> attributes(Map<String, String> attributes) {
      if (charset == null) {
        return attributes;
      }
      Map<String, String> with = new HashMap<>(attributes);
      with.put(LegacyCharsets.ATTRIBUTE, charset);
      return with;
    }
  }

  /**
   * Decodes {@code bytes[0..length)}; bytes that are not UTF-8 are refused (REJECT), become U+FFFD
   * (REPLACE) or are read in their detected charset when one is found (DETECT, {@link
   * LegacyCharsets}).
   */
  public static Decoded decode(byte[] bytes, int length, InvalidUtf8Policy policy) {
    int malformed = firstMalformed(bytes, 0, length);
    if (malformed < 0) {
      return new Decoded(
          new String(bytes, 0, length, StandardCharsets.UTF_8), false, null, -1, null);
    }
    return switch (policy) {
      case REPLACE ->
          new Decoded(
              new String(bytes, 0, length, StandardCharsets.UTF_8), true, null, malformed, null);
      case REJECT -> new Decoded(null, false, null, malformed, null);
      case DETECT -> {
        LegacyCharsets.Detection detection = LegacyCharsets.decode(bytes, length);
        yield new Decoded(
            detection.text(), false, detection.charset(), malformed, detection.whyNot());
      }
    };
  }

  /**
   * How much of {@code bytes[offset..offset+length)} is UTF-8 beyond ASCII: well-formed multi-byte
   * characters, and bytes that start or continue no well-formed sequence.
   */
  public record Census(int multiByteCharacters, int malformedBytes) {}

  /** Counts {@link Census}'s two numbers in one pass. */
  public static Census census(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int multiByte = 0;
    int malformed = 0;
    int i = offset;
    while (i < end) {
      int lead = bytes[i] & 0xff;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int width = sequenceLength(bytes, i, end, lead);
      if (width < 0) {
        malformed++;
        i++;
      } else {
        multiByte++;
        i += width;
      }
    }
    return new Census(multiByte, malformed);
  }

  /**
   * The index of the first byte of {@code bytes[offset..offset+length)} that starts or continues a
   * malformed sequence (as a reporting {@code CharsetDecoder} would put it), or -1 if all is UTF-8.
   */
  public static int firstMalformed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (i + Long.BYTES <= end && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
        continue;
      }
      int lead = bytes[i] & 0xff;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int width = sequenceLength(bytes, i, end, lead);
      if (width < 0) {
        return i;
      }
      i += width;
    }
    return -1;
  }

  /** Length of the well-formed sequence at {@code i} that starts with {@code lead}, or -1. */
  private static int sequenceLength(byte[] bytes, int i, int end, int lead) {
    // Table 3-7 of the Unicode standard: the second byte's range depends on the lead byte.
    int width;
    int low = 0x80;
    int high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      width = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      width = 3;
      if (lead == 0xe0) {
        low = 0xa0; // no overlong forms
      } else if (lead == 0xed) {
        high = 0x9f; // no UTF-16 surrogates
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      width = 4;
      if (lead == 0xf0) {
        low = 0x90;
      } else if (lead == 0xf4) {
        high = 0x8f; // nothing above U+10FFFF
      }
    } else {
      return -1;
    }
    if (i + width > end) {
      return -1;
    }
    int second = bytes[i + 1] & 0xff;
    if (second < low || second > high) {
      return -1;
    }
    for (int k = 2; k < width; k++) {
      if ((bytes[i + k] & 0xc0) != 0x80) {
        return -1;
      }
    }
    return width;
  }
}
