package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Reads one safetensors file a tensor at a time. Opening reads only the header; each {@link
 * #readBytes} maps that tensor's byte range (64-bit offsets, so the file may be any size) and
 * copies it once into a fresh direct buffer, which then backs the array. The mapping is never
 * handed out: DJL's PyTorch engine adopts a direct buffer's memory without copying, and a parameter
 * living in a read-only mapping would crash the first in-place update.
 *
 * <p>Half-precision floats are widened to float32 here ({@link SafetensorsType}). One tensor must
 * fit in a Java buffer (under 2 GiB once read); files are unlimited.
 */
public final class SafetensorsReader implements AutoCloseable {

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
    while (into.hasRemaining()) {
      int n = channel.read(into, position + into.position());
      if (n < 0) {
        throw new EOFException("unexpected end of file at byte " + (position + into.position()));
      }
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
   * in the type {@link SafetensorsType#readAs()} names.
   *
   * @throws UnsupportedOperationException for a type that cannot be read, or a tensor of 2 GiB or
   *     more once read
   */
  public ByteBuffer readBytes(String name) throws IOException {
    TensorEntry e = entry(name);
    SafetensorsType type = e.type();
    long size = Math.multiplyExact(e.elementCount(), (long) type.bytesRead());
    if (size > Integer.MAX_VALUE - 8) {
      throw new UnsupportedOperationException(
          "tensor " + name + " needs " + size + " bytes; one array is limited to 2 GiB here");
    }
    ByteBuffer out = ByteBuffer.allocateDirect((int) size).order(ByteOrder.nativeOrder());
    if (size == 0) {
      return out;
    }
    MappedByteBuffer mapped =
        channel.map(FileChannel.MapMode.READ_ONLY, header.dataStart() + e.begin(), e.byteLength());
    mapped.order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F16 -> widen(mapped.asShortBuffer(), out.asFloatBuffer(), false);
      case BF16 -> widen(mapped.asShortBuffer(), out.asFloatBuffer(), true);
      default -> out.put(mapped).flip();
    }
    return out;
  }

  private static void widen(ShortBuffer in, FloatBuffer out, boolean brain) {
    for (int i = 0; i < in.limit(); i++) {
      short bits = in.get(i);
      out.put(i, brain ? HalfFloats.fromBfloat16(bits) : HalfFloats.fromHalf(bits));
    }
  }

  /** The tensor as an array owned by {@code manager} (see {@link #readBytes}). */
  public NDArray read(String name, NDManager manager) throws IOException {
    TensorEntry e = entry(name);
    NDArray array =
        e.elementCount() == 0
            ? manager.zeros(e.shape(), e.type().readAs())
            : manager.create(readBytes(name), e.shape(), e.type().readAs());
    array.setName(name);
    return array;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
