package io.bertstream.trainer.huggingface;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Reads one safetensors file a tensor at a time. Opening reads only the header; each tensor is read
 * with positioned reads (64-bit offsets, so the file may be any size) straight into its
 * destination: a fresh native tensor ({@link #read}), memory the caller owns ({@link #readInto}),
 * or a new direct buffer ({@link #readBytes}). Nothing is memory-mapped, so no mapping outlives a
 * read waiting for a garbage collection, and {@link #read} uses no Java direct memory, which the
 * JVM caps at {@code -XX:MaxDirectMemorySize} (by default the max heap).
 *
 * <p>Half-precision floats are widened to float32 here ({@link SafetensorsType}) through a bounded
 * buffer. One tensor must fit in a Java buffer (under 2 GiB once read); files are unlimited.
 */
public final class SafetensorsReader implements AutoCloseable {

  /**
   * Bytes of stored half floats widened per step: a heap buffer this size, and the JDK's cached
   * temporary direct buffer behind a heap read, stay small whatever the tensor's size.
   */
  static final int CHUNK_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final SafetensorsHeader header;

  private SafetensorsReader(Path file, FileChannel channel, SafetensorsHeader header) {
    this.file = file;
    this.channel = channel;
    this.header = header;
  }

  /**
   * Opens {@code file} and parses its header.
   *
   * @throws SafetensorsFormatException when the file is not valid safetensors
   */
  public static SafetensorsReader open(Path file) throws IOException {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new UnsupportedOperationException("safetensors reading needs a little-endian host");
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new SafetensorsReader(file, channel, readHeader(file, channel));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static SafetensorsHeader readHeader(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < Long.BYTES) {
      throw new SafetensorsFormatException(file, "only " + size + " bytes long");
    }
    ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, prefix, 0);
    long length = prefix.flip().getLong();
    if (length <= 0 || length > SafetensorsHeader.MAX_HEADER_LENGTH || length > size - Long.BYTES) {
      throw new SafetensorsFormatException(
          file, "header length " + Long.toUnsignedString(length) + " in a " + size + "-byte file");
    }
    ByteBuffer json = ByteBuffer.allocate((int) length);
    readFully(channel, json, Long.BYTES);
    try {
      return SafetensorsHeader.parse(json.array(), size - Long.BYTES - length);
    } catch (IllegalArgumentException e) {
      throw new SafetensorsFormatException(file, e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new EOFException("unexpected end of file at byte " + at);
      }
      at += n;
    }
  }

  public Path file() {
    return file;
  }

  public SafetensorsHeader header() {
    return header;
  }

  /** Every tensor name, in data order. */
  public Set<String> names() {
    return header.tensors().keySet();
  }

  /**
   * The header entry of {@code name}.
   *
   * @throws IllegalArgumentException when the file has no such tensor
   */
  public TensorEntry entry(String name) {
    TensorEntry e = header.tensors().get(name);
    if (e == null) {
      throw new IllegalArgumentException(file + " has no tensor " + name);
    }
    return e;
  }

  /**
   * The tensor's elements in a new direct buffer of native (little-endian) order, positioned at 0,
   * in the type {@link SafetensorsType#readAs()} names. The buffer counts against the JVM's direct
   * memory until it is collected; {@link #read} and {@link #readInto} do not.
   *
   * @throws UnsupportedOperationException for a type that cannot be read, or a tensor of 2 GiB or
   *     more once read
   */
  public ByteBuffer readBytes(String name) throws IOException {
    ByteBuffer out = ByteBuffer.allocateDirect(bufferSize(name)).order(ByteOrder.nativeOrder());
    readInto(name, 0, out);
    return out.flip();
  }

  /**
   * Reads the tensor's elements, as {@link SafetensorsType#readAs()} lays them out, from byte
   * {@code offset} of that layout into {@code destination}'s remaining bytes, advancing its
   * position. A direct destination (such as a host tensor's memory) is filled by the file system
   * without an intermediate copy.
   *
   * @throws IllegalArgumentException when the range is not whole elements within the tensor
   * @throws UnsupportedOperationException for a type that cannot be read
   */
  public void readInto(String name, long offset, ByteBuffer destination) throws IOException {
    TensorEntry e = entry(name);
    SafetensorsType type = e.type();
    int width = type.bytesRead();
    int length = destination.remaining();
    if (offset < 0
        || offset % width != 0
        || length % width != 0
        || offset + length > e.bytesRead()) {
      throw new IllegalArgumentException(
          "bytes ["
              + offset
              + ", "
              + (offset + length)
              + ") are not whole elements of tensor "
              + name
              + " ("
              + e.bytesRead()
              + " bytes of "
              + type.readAs()
              + ")");
    }
    long stored = header.dataStart() + e.begin() + offset / width * type.bytes();
    switch (type) {
      case F16, BF16 -> widen(stored, destination, type == SafetensorsType.BF16);
      default -> readFully(channel, destination, stored);
    }
  }

  private void widen(long position, ByteBuffer destination, boolean brain) throws IOException {
    ByteBuffer out = destination.duplicate().order(ByteOrder.nativeOrder());
    ByteBuffer halves =
        ByteBuffer.allocate(Math.min(CHUNK_BYTES, out.remaining() / 2))
            .order(ByteOrder.LITTLE_ENDIAN);
    long at = position;
    while (out.hasRemaining()) {
      halves.clear().limit(Math.min(halves.capacity(), out.remaining() / 2));
      readFully(channel, halves, at);
      at += halves.limit();
      halves.flip();
      while (halves.hasRemaining()) {
        short bits = halves.getShort();
        out.putFloat(brain ? HalfFloats.fromBfloat16(bits) : HalfFloats.fromHalf(bits));
      }
    }
    destination.position(out.position());
  }

  /**
   * The tensor as a new array owned by {@code manager}, in native memory the file is read into
   * directly (through the host for a manager on an accelerator).
   *
   * @throws UnsupportedOperationException for a type that cannot be read, or a tensor of 2 GiB or
   *     more once read
   */
  public NDArray read(String name, NDManager manager) throws IOException {
    TensorEntry e = entry(name);
    bufferSize(name);
    NDArray array;
    if (e.elementCount() == 0) {
      array = manager.zeros(e.shape(), e.type().readAs());
    } else if (manager.getDevice().equals(Device.cpu())) {
      array = manager.create(e.shape(), e.type().readAs());
      readInto(name, 0, HostMemory.view(array));
    } else {
      try (NDManager host = manager.newSubManager(Device.cpu())) {
        NDArray onHost = host.create(e.shape(), e.type().readAs());
        readInto(name, 0, HostMemory.view(onHost));
        array = onHost.toDevice(manager.getDevice(), true);
        array.attach(manager);
      }
    }
    array.setName(name);
    return array;
  }

  /** The tensor's size once read, checked to fit one buffer. */
  private int bufferSize(String name) {
    long size = entry(name).bytesRead();
    if (size > Integer.MAX_VALUE - 8) {
      throw new UnsupportedOperationException(
          "tensor " + name + " needs " + size + " bytes; one array is limited to 2 GiB here");
    }
    return (int) size;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
