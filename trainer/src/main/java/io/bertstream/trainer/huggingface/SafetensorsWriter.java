package io.bertstream.trainer.huggingface;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a safetensors file one tensor at a time: the header is laid out from names, types and
 * shapes alone, then each tensor's bytes are fetched (one host copy), written and dropped, so a
 * model of any size needs memory for its largest tensor only. Offsets are {@code long}; the header
 * carries {@code __metadata__ {"format": "pt"}} (older transformers versions refuse a file without
 * it) and is padded to 8 bytes like the reference writer's.
 *
 * <p>The file is written in place and deleted if writing fails; a caller that replaces a file
 * others read writes to a temporary name and renames it.
 */
public final class SafetensorsWriter {

  /** What transformers and the reference writer put in {@code __metadata__}. */
  public static final Map<String, String> PYTORCH_METADATA = Map.of("format", "pt");

  private SafetensorsWriter() {}

  /** A tensor's bytes, asked for only when the writer reaches it. */
  @FunctionalInterface
  public interface TensorBytes {
    /** Little-endian elements of the declared type, exactly the declared length remaining. */
    ByteBuffer get() throws IOException;
  }

  /** A tensor to write: what the header says about it, and its bytes on demand. */
  public record Tensor(TensorSpec spec, TensorBytes bytes) {

    /** A DJL array, stored in its own type and shape. */
    public static Tensor of(String name, NDArray array) {
      return new Tensor(
          new TensorSpec(name, SafetensorsType.of(array.getDataType()), array.getShape()),
          () -> hostBytes(array));
    }
  }

  /**
   * Writes {@code tensors} to {@code file} in the given order.
   *
   * @return the header written
   * @throws IllegalStateException when a tensor's bytes differ in length from its spec
   */
  public static SafetensorsHeader write(
      Path file, Map<String, String> metadata, List<Tensor> tensors) throws IOException {
    boolean done = false;
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      SafetensorsHeader header = write(out, metadata, tensors);
      done = true;
      return header;
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Writes {@code tensors} to {@code out} in the given order, for a caller that owns the file (a
   * checkpoint writes and syncs its files itself). {@code out} is left open.
   *
   * @return the header written
   * @throws IllegalStateException when a tensor's bytes differ in length from its spec
   */
  public static SafetensorsHeader write(
      WritableByteChannel out, Map<String, String> metadata, List<Tensor> tensors)
      throws IOException {
    List<TensorSpec> specs = new ArrayList<>(tensors.size());
    tensors.forEach(t -> specs.add(t.spec()));
    SafetensorsHeader header = SafetensorsHeader.layout(metadata, specs);
    writeFully(out, ByteBuffer.wrap(header.encode()));
    for (Tensor t : tensors) {
      ByteBuffer bytes = t.bytes().get();
      long expected = t.spec().byteLength();
      if (bytes.remaining() != expected) {
        throw new IllegalStateException(
            "tensor "
                + t.spec().name()
                + " gave "
                + bytes.remaining()
                + " bytes, its spec needs "
                + expected);
      }
      writeFully(out, bytes);
    }
    return header;
  }

  /** Writes parameters under the given names (e.g. {@code HuggingFaceNames.of(model)}). */
  public static SafetensorsHeader writeParameters(Path file, Map<String, Parameter> parameters)
      throws IOException {
    return write(file, PYTORCH_METADATA, parameterTensors(parameters));
  }

  /** {@link #writeParameters(Path, Map)} into a channel the caller owns. */
  public static SafetensorsHeader writeParameters(
      WritableByteChannel out, Map<String, Parameter> parameters) throws IOException {
    return write(out, PYTORCH_METADATA, parameterTensors(parameters));
  }

  private static List<Tensor> parameterTensors(Map<String, Parameter> parameters) {
    List<Tensor> tensors = new ArrayList<>(parameters.size());
    parameters.forEach((name, p) -> tensors.add(Tensor.of(name, p.getArray())));
    return tensors;
  }

  /** A host copy of the array's elements; for an array on the host, the copy DJL returns. */
  static ByteBuffer hostBytes(NDArray array) {
    if (array.getDevice().equals(Device.cpu())) {
      return array.toByteBuffer();
    }
    try (NDArray host = array.toDevice(Device.cpu(), true)) {
      return host.toByteBuffer();
    }
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }
}
