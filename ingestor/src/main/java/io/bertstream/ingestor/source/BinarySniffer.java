package io.bertstream.ingestor.source;

import java.util.Optional;

/**
 * Tells binary content from text by its first kilobyte: any NUL byte, or more than 10% control
 * bytes other than tab, newline, carriage return, form feed and escape. UTF-8 multi-byte sequences
 * (bytes ≥ 0x80) are never counted as control bytes.
 */
public final class BinarySniffer {

  public static final int SNIFF_BYTES = 1024;

  private BinarySniffer() {}

  /** Why {@code head} looks binary, or empty if it looks like text. */
  public static Optional<String> whyBinary(byte[] head, int length) {
    int controls = 0;
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xff;
      if (b == 0) {
        return Optional.of("NUL byte at offset " + i);
      }
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b)
          || b == 0x7f) {
        controls++;
      }
    }
    if (length > 0 && controls * 10 > length) {
      return Optional.of(controls + " control bytes in the first " + length);
    }
    return Optional.empty();
  }
}
