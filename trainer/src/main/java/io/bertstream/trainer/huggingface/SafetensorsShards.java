package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of one safetensors file or of a sharded set ({@code model.safetensors.index.json}
 * whose {@code weight_map} names each tensor's shard), read one at a time through {@link
 * SafetensorsReader}s that stay open until {@link #close}.
 */
public final class SafetensorsShards implements AutoCloseable {

  /** HuggingFace's file names. */
  public static final String SINGLE_FILE = "model.safetensors";

  public static final String INDEX_FILE = "model.safetensors.index.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<SafetensorsReader> readers;
  private final Map<String, SafetensorsReader> byName;

  private SafetensorsShards(
      List<SafetensorsReader> readers, Map<String, SafetensorsReader> byName) {
    this.readers = List.copyOf(readers);
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** One unsharded file. */
  public static SafetensorsShards single(Path file) throws IOException {
    SafetensorsReader reader = SafetensorsReader.open(file);
    Map<String, SafetensorsReader> byName = new LinkedHashMap<>();
    reader.names().forEach(n -> byName.put(n, reader));
    return new SafetensorsShards(List.of(reader), byName);
  }

  /**
   * The shards an index names, relative to the index's folder.
   *
   * @throws SafetensorsFormatException when the index is malformed, names a file outside its
   *     folder, or maps a tensor to a shard that does not hold it
   */
  public static SafetensorsShards index(Path indexFile) throws IOException {
    Path folder = indexFile.toAbsolutePath().getParent();
    JsonNode weightMap;
    try {
      weightMap = JSON.readTree(indexFile.toFile()).get("weight_map");
    } catch (IOException e) {
      throw new SafetensorsFormatException(indexFile, "index is not valid JSON", e);
    }
    if (weightMap == null || !weightMap.isObject()) {
      throw new SafetensorsFormatException(indexFile, "index has no weight_map object");
    }
    Map<String, SafetensorsReader> shards = new LinkedHashMap<>();
    Map<String, SafetensorsReader> byName = new LinkedHashMap<>();
    List<SafetensorsReader> opened = new ArrayList<>();
    try {
      for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
        String shardName = e.getValue().asText();
        Path shard = folder.resolve(shardName).normalize();
        if (!e.getValue().isTextual() || !folder.equals(shard.getParent())) {
          throw new SafetensorsFormatException(
              indexFile, "weight_map entry " + e.getKey() + " names " + e.getValue());
        }
        SafetensorsReader reader = shards.get(shardName);
        if (reader == null) {
          reader = SafetensorsReader.open(shard);
          opened.add(reader);
          shards.put(shardName, reader);
        }
        if (!reader.names().contains(e.getKey())) {
          throw new SafetensorsFormatException(
              indexFile, "weight_map puts " + e.getKey() + " in " + shardName + ", which lacks it");
        }
        byName.put(e.getKey(), reader);
      }
    } catch (IOException | RuntimeException e) {
      for (SafetensorsReader r : opened) {
        r.close();
      }
      throw e;
    }
    return new SafetensorsShards(opened, byName);
  }

  /** Every tensor name. */
  public Set<String> names() {
    return byName.keySet();
  }

  public TensorEntry entry(String name) {
    return reader(name).entry(name);
  }

  /** The file that holds {@code name}. */
  public Path file(String name) {
    return reader(name).file();
  }

  /** See {@link SafetensorsReader#readBytes}. */
  public ByteBuffer readBytes(String name) throws IOException {
    return reader(name).readBytes(name);
  }

  /** See {@link SafetensorsReader#read}. */
  public NDArray read(String name, NDManager manager) throws IOException {
    return reader(name).read(name, manager);
  }

  private SafetensorsReader reader(String name) {
    SafetensorsReader reader = byName.get(name);
    if (reader == null) {
      throw new IllegalArgumentException("no tensor " + name);
    }
    return reader;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (SafetensorsReader r : readers) {
      try {
        r.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
