package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor of a safetensors header. Offsets are bytes relative to the start of the data section
 * (just after the header) and are {@code long}, so tensors past 2 GiB into a file are addressable.
 *
 * @param name the tensor's name (a state-dict key)
 * @param type element type as stored
 * @param shape dimensions; empty for a scalar
 * @param begin first byte, inclusive
 * @param end last byte, exclusive
 */
public record TensorEntry(String name, SafetensorsType type, Shape shape, long begin, long end) {

  public TensorEntry {
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "tensor " + name + " has invalid data_offsets [" + begin + ", " + end + "]");
    }
    long expected = new TensorSpec(name, type, shape).byteLength();
    if (end - begin != expected) {
      throw new IllegalArgumentException(
          "tensor "
              + name
              + " spans "
              + (end - begin)
              + " bytes, but "
              + type
              + " "
              + shape
              + " needs "
              + expected);
    }
  }

  /** Bytes the tensor takes in the file. */
  public long byteLength() {
    return end - begin;
  }

  /** Number of elements (1 for a scalar). */
  public long elementCount() {
    return spec().elementCount();
  }

  /** Name, type and shape without the offsets. */
  public TensorSpec spec() {
    return new TensorSpec(name, type, shape);
  }
}
