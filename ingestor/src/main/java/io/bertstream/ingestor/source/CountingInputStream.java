package io.bertstream.ingestor.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Adds every byte read to a shared total, for the progress line. */
final class CountingInputStream extends FilterInputStream {

  private final AtomicLong total;

  CountingInputStream(InputStream in, AtomicLong total) {
    super(in);
    this.total = total;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      total.incrementAndGet();
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      total.addAndGet(n);
    }
    return n;
  }
}
