package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a safetensors file: {@code u64 little-endian N}, then N bytes of JSON mapping each
 * tensor name to {@code {dtype, shape, data_offsets}} plus an optional {@code __metadata__} map of
 * strings, then the data. Tensors must tile the data section exactly, in offset order, as the
 * reference implementation requires: a truncated or padded file is refused rather than misread.
 *
 * @param headerLength N, the JSON's length in bytes (including the writer's space padding)
 * @param metadata the {@code __metadata__} map, empty when absent
 * @param tensors every tensor by name, in data-offset order
 */
public record SafetensorsHeader(
    long headerLength, Map<String, String> metadata, Map<String, TensorEntry> tensors) {

  /** The reference implementation's limit; a larger length means a corrupt or foreign file. */
  static final long MAX_HEADER_LENGTH = 100_000_000L;

  static final String METADATA = "__metadata__";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public SafetensorsHeader {
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** Offset in the file of the first data byte: 8 + N. */
  public long dataStart() {
    return Long.BYTES + headerLength;
  }

  /** Bytes of the data section: the sum of all tensors' lengths. */
  public long dataLength() {
    long total = 0;
    for (TensorEntry e : tensors.values()) {
      total = Math.addExact(total, e.byteLength());
    }
    return total;
  }

  /**
   * Lays tensors out back to back in the given order, as a writer stores them.
   *
   * @param metadata written as {@code __metadata__} (omitted when empty)
   * @param specs name, type and shape of each tensor, in file order
   */
  public static SafetensorsHeader layout(Map<String, String> metadata, List<TensorSpec> specs) {
    Map<String, TensorEntry> tensors = new LinkedHashMap<>();
    long offset = 0;
    for (TensorSpec spec : specs) {
      long end = Math.addExact(offset, spec.byteLength());
      TensorEntry placed = new TensorEntry(spec.name(), spec.type(), spec.shape(), offset, end);
      if (tensors.put(spec.name(), placed) != null) {
        throw new IllegalArgumentException("tensor " + spec.name() + " appears twice");
      }
      offset = end;
    }
    SafetensorsHeader unpadded = new SafetensorsHeader(0, metadata, tensors);
    return new SafetensorsHeader(unpadded.paddedJson().length, metadata, tensors);
  }

  /**
   * The 8-byte length and the JSON, padded with spaces so that data starts on an 8-byte boundary
   * (as the reference writer does, so readers may map tensors aligned).
   */
  public byte[] encode() {
    byte[] json = paddedJson();
    ByteBuffer out = ByteBuffer.allocate(Long.BYTES + json.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(json.length).put(json);
    return out.array();
  }

  private byte[] paddedJson() {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(METADATA);
      metadata.forEach(meta::put);
    }
    for (TensorEntry e : tensors.values()) {
      ObjectNode node = root.putObject(e.name());
      node.put("dtype", e.type().name());
      ArrayNode shape = node.putArray("shape");
      for (long d : e.shape().getShape()) {
        shape.add(d);
      }
      node.putArray("data_offsets").add(e.begin()).add(e.end());
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a safetensors header", e);
    }
    int padded = (json.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    System.arraycopy(json, 0, out, 0, json.length);
    for (int i = json.length; i < padded; i++) {
      out[i] = ' ';
    }
    return out;
  }

  /**
   * Parses the JSON part of a header.
   *
   * @param json the N bytes after the length prefix
   * @param dataLength bytes in the file after the header, which the tensors must fill exactly
   * @throws IllegalArgumentException when the JSON or the offsets are not a valid header
   */
  public static SafetensorsHeader parse(byte[] json, long dataLength) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("header is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("header is not a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorEntry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(METADATA)) {
        if (!field.getValue().isObject()) {
          throw new IllegalArgumentException("__metadata__ is not a JSON object");
        }
        field.getValue().properties().forEach(m -> metadata.put(m.getKey(), text(m)));
      } else {
        entries.add(entry(field.getKey(), field.getValue()));
      }
    }
    entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
    Map<String, TensorEntry> tensors = new LinkedHashMap<>();
    long expected = 0;
    for (TensorEntry e : entries) {
      if (e.begin() != expected) {
        throw new IllegalArgumentException(
            "tensor " + e.name() + " starts at byte " + e.begin() + ", expected " + expected);
      }
      expected = e.end();
      tensors.put(e.name(), e);
    }
    if (expected != dataLength) {
      throw new IllegalArgumentException(
          "tensors cover " + expected + " bytes of data, but the file holds " + dataLength);
    }
    return new SafetensorsHeader(json.length, metadata, tensors);
  }

  private static String text(Map.Entry<String, JsonNode> m) {
    return m.getValue().isTextual() ? m.getValue().asText() : m.getValue().toString();
  }

  private static TensorEntry entry(String name, JsonNode node) {
    JsonNode dtype = node.get("dtype");
    JsonNode shape = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtype == null
        || !dtype.isTextual()
        || shape == null
        || !shape.isArray()
        || offsets == null
        || !offsets.isArray()
        || offsets.size() != 2) {
      throw new IllegalArgumentException(
          "tensor " + name + " needs dtype, shape and two data_offsets, got " + node);
    }
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = integer(name, shape.get(i));
    }
    return new TensorEntry(
        name,
        SafetensorsType.parse(dtype.asText()),
        new Shape(dims),
        integer(name, offsets.get(0)),
        integer(name, offsets.get(1)));
  }

  private static long integer(String name, JsonNode n) {
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
      throw new IllegalArgumentException("tensor " + name + " has a bad number " + n);
    }
    return n.asLong();
  }
}
