package io.bertstream.ingestor.source;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Transparent gzip: decided by the magic bytes, so a misnamed file still reads right. */
public final class Compression {

  private static final int BUFFER = 64 * 1024;

  private Compression() {}

  /** A buffered stream of the content that supports mark/reset, gunzipped when gzip. */
  public static InputStream open(InputStream raw) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    if (first == 0x1f && second == 0x8b) {
      return new BufferedInputStream(
          new NothingAvailable(new GZIPInputStream(buffered, BUFFER)), BUFFER);
    }
    return buffered;
  }

  /**
   * Makes {@link BufferedInputStream#read(byte[], int, int)} return after one read of the gzip
   * stream instead of reading on while {@code available() > 0}: otherwise a truncated gzip's
   * EOFException would discard the bytes inflated just before it, and with them the documents that
   * were complete before the cut.
   */
  private static final class NothingAvailable extends FilterInputStream {
    NothingAvailable(InputStream in) {
      super(in);
    }

    @Override
    public int available() {
      return 0;
    }
  }

  /** The file name without a {@code .gz} / {@code .gzip} suffix, for format detection. */
  public static String stripSuffix(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) {
      return name.substring(0, name.length() - 3);
    }
    if (lower.endsWith(".gzip")) {
      return name.substring(0, name.length() - 5);
    }
    return name;
  }
}
