package io.bertstream.trainer.input;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The first and last offset of one partition that a batch consumed (both inclusive); in JSON (the
 * ledger) the pair {@code [first, last]}.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"first", "last"})
public record OffsetRange(long first, long last) {

  public OffsetRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad offset range [" + first + ", " + last + "]");
    }
  }
}
