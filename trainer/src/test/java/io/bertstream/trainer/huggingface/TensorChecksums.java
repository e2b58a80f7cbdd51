package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A CRC32C of each tensor's little-endian bytes by HuggingFace name, kept in a tab-separated file:
 * how the size benchmark knows an import or an export moved the written values and was not a no-op.
 */
final class TensorChecksums {

  private TensorChecksums() {}

  static long of(ByteBuffer bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate());
    return crc.getValue();
  }

  static long of(NDArray array) {
    return of(array.toByteBuffer());
  }

  /** Each parameter's checksum, in the map's order. */
  static Map<String, Long> of(Map<String, Parameter> parameters) {
    Map<String, Long> out = new LinkedHashMap<>();
    parameters.forEach((name, p) -> out.put(name, of(p.getArray())));
    return out;
  }

  /** Each tensor's checksum as a model directory's weights store it, sharded or not. */
  static Map<String, Long> ofDirectory(Path directory) throws IOException {
    Path single = directory.resolve(SafetensorsShards.SINGLE_FILE);
    Map<String, Long> out = new LinkedHashMap<>();
    try (SafetensorsShards weights =
        Files.isRegularFile(single)
            ? SafetensorsShards.single(single)
            : SafetensorsShards.index(directory.resolve(SafetensorsShards.INDEX_FILE))) {
      for (String name : weights.names()) {
        out.put(name, of(weights.readBytes(name)));
      }
    }
    return out;
  }

  static void write(Path file, Map<String, Long> checksums) throws IOException {
    List<String> lines = new ArrayList<>();
    checksums.forEach((name, crc) -> lines.add(name + "\t" + Long.toHexString(crc)));
    Files.write(file, lines);
  }

  static Map<String, Long> read(Path file) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.split("\t");
      out.put(fields[0], Long.parseLong(fields[1], 16));
    }
    return out;
  }

  /**
   * @throws IllegalStateException naming the first difference, when the two differ in names or
   *     values
   */
  static void requireEqual(String what, Map<String, Long> expected, Map<String, Long> actual) {
    if (!expected.keySet().equals(actual.keySet())) {
      throw new IllegalStateException(
          what + " holds tensors " + actual.keySet() + ", expected " + expected.keySet());
    }
    expected.forEach(
        (name, crc) -> {
          if (!crc.equals(actual.get(name))) {
            throw new IllegalStateException(what + ": " + name + " differs from the written one");
          }
        });
  }
}
