package io.bertstream.trainer.huggingface;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Direct views of a host tensor's own native memory, so bytes move between a file and a tensor with
 * one copy and no Java direct buffer. DJL's PyTorch engine returns such a view from {@code
 * toByteBuffer(true)} for a dense, contiguous CPU tensor (every parameter and optimizer moment here
 * is one); a view reaches no further than the tensor's life, so the caller keeps the tensor open
 * while it uses the view. Writes through the view change the tensor and bypass autograd, like
 * loading a state dict.
 */
final class HostMemory {

  private HostMemory() {}

  /** True when {@link #view} can reach the array's memory. */
  static boolean viewable(NDArray array) {
    return array.getDevice().equals(Device.cpu()) && !array.isSparse();
  }

  /**
   * The array's elements in place, native order, positioned at 0.
   *
   * @throws IllegalArgumentException when the array is not a dense host array
   */
  static ByteBuffer view(NDArray array) {
    if (!viewable(array)) {
      throw new IllegalArgumentException(
          "only a dense host array has a view; this one is on " + array.getDevice());
    }
    if (array.size() == 0) {
      return ByteBuffer.allocate(0);
    }
    return array.toByteBuffer(true).order(ByteOrder.nativeOrder());
  }
}
