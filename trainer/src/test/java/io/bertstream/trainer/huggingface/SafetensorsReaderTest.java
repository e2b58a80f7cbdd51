package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {

  @TempDir Path dir;

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void shouldParseTheHeadersTransformersWroteAsTheFilesHoldThem() throws IOException {
    JsonNode layouts = new ObjectMapper().readTree(Fixtures.path("layout.json").toFile());
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonNode> file : layouts.properties()) {
      JsonNode expected = file.getValue();
      try (SafetensorsReader reader = SafetensorsReader.open(Fixtures.path(file.getKey()))) {
        SafetensorsHeader header = reader.header();
        assertThat(header.headerLength()).isEqualTo(expected.get("header_length").asLong());
        assertThat(header.dataStart() + header.dataLength())
            .isEqualTo(expected.get("file_size").asLong());
        assertThat(header.metadata()).containsExactly(Map.entry("format", "pt"));
        assertThat(header.tensors()).hasSize(expected.get("tensors").size());
        for (Map.Entry<String, JsonNode> t : expected.get("tensors").properties()) {
          TensorEntry entry = reader.entry(t.getKey());
          assertThat(entry.type().name()).isEqualTo(t.getValue().get("dtype").asText());
          long[] shape = new long[t.getValue().get("shape").size()];
          for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getValue().get("shape").get(i).asLong();
          }
          assertThat(entry.shape()).isEqualTo(new Shape(shape));
          assertThat(entry.begin()).isEqualTo(t.getValue().get("data_offsets").get(0).asLong());
          assertThat(entry.end()).isEqualTo(t.getValue().get("data_offsets").get(1).asLong());
          checked.add(t.getKey());
        }
      }
    }
    // 46 parameters of the pretraining model (tied decoder not stored) and 12 dtype tensors
    assertThat(checked).hasSize(46 + 12);
  }

  @Test
  void shouldWidenHalfAndBfloat16ExactlyAsTorchDoes() throws IOException {
    try (SafetensorsReader reader = SafetensorsReader.open(Fixtures.path("dtypes.safetensors"))) {
      assertThat(reader.entry("f16").type()).isEqualTo(SafetensorsType.F16);
      assertThat(reader.entry("bf16").type()).isEqualTo(SafetensorsType.BF16);
      NDArray f16 = reader.read("f16", manager);
      NDArray bf16 = reader.read("bf16", manager);
      assertThat(f16.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(bf16.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(bits(f16.toFloatArray()))
          .containsExactly(bits(reader.read("f16_as_f32", manager).toFloatArray()));
      assertThat(bits(bf16.toFloatArray()))
          .containsExactly(bits(reader.read("bf16_as_f32", manager).toFloatArray()));
      // the vector holds a subnormal half, infinities and a value that overflows half
      assertThat(f16.toFloatArray()).contains(5.9604645e-08f, Float.POSITIVE_INFINITY, -0f);
    }
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }

  @Test
  void shouldReadIntegerBooleanDoubleAndScalarTensors() throws IOException {
    try (SafetensorsReader reader = SafetensorsReader.open(Fixtures.path("dtypes.safetensors"))) {
      NDArray i64 = reader.read("i64", manager);
      assertThat(i64.getDataType()).isEqualTo(DataType.INT64);
      assertThat(i64.getShape()).isEqualTo(new Shape(2, 2));
      assertThat(i64.toLongArray()).containsExactly(-(1L << 40), 0, 1, 1L << 62);
      assertThat(reader.read("i32", manager).toIntArray())
          .containsExactly(-7, 0, Integer.MAX_VALUE);
      assertThat(reader.read("u8", manager).toUint8Array()).containsExactly(0, 255);
      assertThat(reader.read("i8", manager).toByteArray()).containsExactly(-128, 127);
      assertThat(reader.read("bool", manager).toBooleanArray()).containsExactly(true, false, true);
      NDArray f64 = reader.read("f64", manager);
      assertThat(f64.getDataType()).isEqualTo(DataType.FLOAT64);
      assertThat(f64.getShape()).isEqualTo(new Shape(13, 1));
      assertThat(f64.toDoubleArray()[4]).isEqualTo((double) 0.1f);
      NDArray scalar = reader.read("scalar", manager);
      assertThat(scalar.getShape()).isEqualTo(new Shape());
      assertThat(scalar.getFloat()).isEqualTo(4.25f);
      assertThat(scalar.getName()).isEqualTo("scalar");
    }
  }

  @Test
  void shouldReadATensorLyingPastTwoGibibytesFromASparseFile() throws IOException {
    // A 3 GiB tensor followed by a small one: only the header and the tail take disk space.
    long huge = 3L << 30;
    SafetensorsHeader header =
        SafetensorsHeader.layout(
            Map.of("format", "pt"),
            List.of(
                new TensorSpec("huge", SafetensorsType.U8, new Shape(huge)),
                new TensorSpec("tail", SafetensorsType.F32, new Shape(2, 2))));
    Path file = dir.resolve("sparse.safetensors");
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(header.encode()));
      ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      tail.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(1e-30f).flip();
      out.write(tail, header.dataStart() + huge);
    }
    assertThat(Files.size(file)).isGreaterThan(huge);

    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.entry("tail").begin()).isEqualTo(huge);
      NDArray tail = reader.read("tail", manager);
      assertThat(tail.getShape()).isEqualTo(new Shape(2, 2));
      assertThat(tail.toFloatArray()).containsExactly(1.5f, -2f, 3.25f, 1e-30f);
      assertThatThrownBy(() -> reader.readBytes("huge"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("tensor huge needs 3221225472 bytes");
    }
  }

  @Test
  void shouldRefuseFilesThatAreNotSafetensors() throws IOException {
    Path tiny = Files.write(dir.resolve("tiny"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SafetensorsReader.open(tiny))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("only 3 bytes long");

    ByteBuffer longHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    longHeader.putLong(1000).putLong(0);
    Path claimsMore = Files.write(dir.resolve("more"), longHeader.array());
    assertThatThrownBy(() -> SafetensorsReader.open(claimsMore))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("header length 1000 in a 16-byte file");

    Path pickle =
        Files.write(dir.resolve("pytorch_model.bin"), "PK\u0003\u0004 not json".getBytes());
    assertThatThrownBy(() -> SafetensorsReader.open(pickle))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("pytorch_model.bin is not a valid safetensors file");
  }

  @Test
  void shouldRefuseATruncatedFile() throws IOException {
    byte[] whole = Files.readAllBytes(Fixtures.path("dtypes.safetensors"));
    Path cut =
        Files.write(
            dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, whole.length - 1));
    assertThatThrownBy(() -> SafetensorsReader.open(cut))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("tensors cover");
  }

  @Test
  void shouldReadEveryShardThroughTheIndex() throws IOException {
    try (SafetensorsShards sharded =
            SafetensorsShards.index(Fixtures.path("sharded/" + SafetensorsShards.INDEX_FILE));
        SafetensorsShards single =
            SafetensorsShards.single(
                Fixtures.path("pretraining/" + SafetensorsShards.SINGLE_FILE))) {
      assertThat(sharded.names()).containsExactlyInAnyOrderElementsOf(single.names());
      assertThat(sharded.names().stream().map(sharded::file).distinct()).hasSizeGreaterThan(1);
      for (String name : single.names()) {
        assertThat(sharded.readBytes(name)).isEqualTo(single.readBytes(name));
      }
    }
  }

  @Test
  void shouldRefuseAnIndexThatPointsOutsideItsFolderOrAtTheWrongShard() throws IOException {
    Path shard = Fixtures.path("sharded/model-00001-of-00003.safetensors");
    Files.copy(shard, dir.resolve("a.safetensors"));
    Path outside = dir.resolve("outside.json");
    Files.writeString(outside, "{\"weight_map\":{\"x\":\"../a.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsShards.index(outside))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("weight_map entry x names");
    Path wrong = dir.resolve("wrong.json");
    Files.writeString(wrong, "{\"weight_map\":{\"cls.seq_relationship.bias\":\"a.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsShards.index(wrong))
        .isInstanceOf(SafetensorsFormatException.class)
        .hasMessageContaining("puts cls.seq_relationship.bias in a.safetensors, which lacks it");
  }
}
