package io.bertstream.trainer.input;

/** The first and last offset of one partition that a batch consumed (both inclusive). */
public record OffsetRange(long first, long last) {

  public OffsetRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad offset range [" + first + ", " + last + "]");
    }
  }
}
