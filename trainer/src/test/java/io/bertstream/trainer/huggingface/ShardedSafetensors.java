package io.bertstream.trainer.huggingface;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes weights in the sharded layout of transformers' {@code save_pretrained}: whole tensors, in
 * order, filled into {@code model-0000i-of-0000n.safetensors} files up to a size limit (a tensor
 * larger than the limit gets a shard of its own), each shard written by {@link SafetensorsWriter},
 * and {@code model.safetensors.index.json} with the total size and parameter count and each
 * tensor's shard, keys sorted as transformers writes them.
 */
final class ShardedSafetensors {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ShardedSafetensors() {}

  /**
   * @param maxShardBytes the size limit of a shard's tensors, in bytes
   * @return the shard files, in order
   */
  static List<Path> write(Path directory, Map<String, Parameter> parameters, long maxShardBytes)
      throws IOException {
    List<List<SafetensorsWriter.Tensor>> shards = new ArrayList<>();
    List<SafetensorsWriter.Tensor> current = new ArrayList<>();
    long currentBytes = 0;
    long totalBytes = 0;
    long totalParameters = 0;
    for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
      SafetensorsWriter.Tensor t = SafetensorsWriter.Tensor.of(p.getKey(), p.getValue().getArray());
      long bytes = t.spec().byteLength();
      if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
        shards.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(t);
      currentBytes += bytes;
      totalBytes += bytes;
      totalParameters += t.spec().elementCount();
    }
    if (!current.isEmpty()) {
      shards.add(current);
    }

    List<Path> files = new ArrayList<>();
    Map<String, String> weightMap = new TreeMap<>();
    for (int i = 0; i < shards.size(); i++) {
      String name =
          String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", i + 1, shards.size());
      Path file = directory.resolve(name);
      SafetensorsWriter.write(file, SafetensorsWriter.PYTORCH_METADATA, shards.get(i));
      shards.get(i).forEach(t -> weightMap.put(t.spec().name(), name));
      files.add(file);
    }
    ObjectNode index = JSON.createObjectNode();
    index
        .putObject("metadata")
        .put("total_parameters", totalParameters)
        .put("total_size", totalBytes);
    ObjectNode map = index.putObject("weight_map");
    weightMap.forEach(map::put);
    JSON.writeValue(directory.resolve(SafetensorsShards.INDEX_FILE).toFile(), index);
    return files;
  }
}
