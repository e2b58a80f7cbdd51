package io.bertstream.ingestor.source;

import java.util.Arrays;

/** Copies of line buffers for rejections: the reader reuses its buffer. */
final class Payloads {

  private Payloads() {}

  static byte[] prefix(byte[] bytes, int length, int limit) {
    return Arrays.copyOf(bytes, Math.min(length, limit));
  }
}
