package io.bertstream.ingestor.source;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads {@code \n}-terminated lines as raw bytes (so each line can be decoded, and rejected, on its
 * own), keeping at most {@code maxLineBytes} of a line in memory: the rest of a longer line is
 * skipped and only counted.
 */
public final class ByteLineReader {

  /**
   * One line without its terminator.
   *
   * @param bytes the first {@code min(length, maxLineBytes)} bytes (array may be larger)
   * @param kept how many bytes of {@code bytes} are valid
   * @param length the full length of the line
   * @param number 1-based line number
   */
  public record Line(byte[] bytes, int kept, long length, long number) {
    public boolean truncated() {
      return length > kept;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private long lineNumber;
  private byte[] line = new byte[256];

  public ByteLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    int kept = 0;
    long length = 0;
    boolean sawAnything = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!sawAnything) {
            return null;
          }
          return new Line(line, kept, length, ++lineNumber);
        }
      }
      sawAnything = true;
      int end = indexOfNewline(buffer, position, limit);
      int chunk = end - position;
      int room = (int) Math.min(chunk, Math.max(0, maxLineBytes - (long) kept));
      if (room > 0) {
        ensureCapacity(kept + room);
        System.arraycopy(buffer, position, line, kept, room);
        kept += room;
      }
      length += chunk;
      if (end < limit) {
        position = end + 1;
        return new Line(line, kept, length, ++lineNumber);
      }
      position = limit;
    }
  }

  /** The index of the first {@code \n} in {@code bytes[from..to)}, or {@code to}. */
  static int indexOfNewline(byte[] bytes, int from, int to) {
    int i = from;
    // Eight bytes a time: a zero byte in word ^ "\n\n\n…" marks a newline (the SWAR zero test).
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
      if (((word - LOW_BITS) & ~word & HIGH_BITS) != 0) {
        break;
      }
    }
    while (i < to && bytes[i] != '\n') {
      i++;
    }
    return i;
  }

  private void ensureCapacity(int needed) {
    if (needed > line.length) {
      line = Arrays.copyOf(line, Math.max(needed, Math.min(maxLineBytes, line.length * 2)));
    }
  }
}
