package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.types.Shape;

/**
 * What a writer declares about a tensor before its bytes: name, stored type and shape.
 *
 * @param name the tensor's name (a state-dict key)
 * @param type element type as stored
 * @param shape dimensions; empty for a scalar
 */
public record TensorSpec(String name, SafetensorsType type, Shape shape) {

  /** Number of elements (1 for a scalar). */
  public long elementCount() {
    long count = 1;
    for (long d : shape.getShape()) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + shape);
      }
      count = Math.multiplyExact(count, d);
    }
    return count;
  }

  /** Bytes the tensor takes in a file. */
  public long byteLength() {
    return Math.multiplyExact(elementCount(), (long) type.bytes());
  }
}
