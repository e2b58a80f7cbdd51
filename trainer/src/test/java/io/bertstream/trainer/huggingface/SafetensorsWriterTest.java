package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

  @TempDir Path dir;

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
    Engine.getEngine("PyTorch").setRandomSeed(3);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void shouldRewriteTheFileTransformersWroteByteForByte() throws IOException {
    Path original = Fixtures.path("pretraining/model.safetensors");
    Path copy = dir.resolve("model.safetensors");
    try (SafetensorsReader reader = SafetensorsReader.open(original)) {
      List<SafetensorsWriter.Tensor> tensors = new ArrayList<>();
      for (String name : reader.names()) {
        tensors.add(
            new SafetensorsWriter.Tensor(reader.entry(name).spec(), () -> reader.readBytes(name)));
      }
      SafetensorsWriter.write(copy, SafetensorsWriter.PYTORCH_METADATA, tensors);
    }
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
  }

  @Test
  void shouldRoundTripArraysOfEveryWritableTypeExactly() throws IOException {
    Map<String, NDArray> arrays =
        Map.of(
            "f32", manager.randomNormal(new Shape(3, 5)),
            "f64", manager.randomNormal(new Shape(4)).toType(DataType.FLOAT64, false),
            "i64", manager.create(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}),
            "i32", manager.create(new int[] {Integer.MIN_VALUE, 5}, new Shape(1, 2)),
            "u8", manager.create(new byte[] {0, -1}).toType(DataType.UINT8, false),
            "bool", manager.create(new boolean[] {true, false}),
            "scalar", manager.create(2.5f));
    List<SafetensorsWriter.Tensor> tensors = new ArrayList<>();
    arrays.forEach((name, array) -> tensors.add(SafetensorsWriter.Tensor.of(name, array)));
    Path file = dir.resolve("all.safetensors");
    SafetensorsHeader written = SafetensorsWriter.write(file, Map.of("note", "x"), tensors);

    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.header()).isEqualTo(written);
      assertThat(reader.header().metadata()).containsExactly(Map.entry("note", "x"));
      assertThat(reader.header().dataStart() % 8).isZero();
      for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
        NDArray back = reader.read(e.getKey(), manager);
        assertThat(back.getShape()).as(e.getKey()).isEqualTo(e.getValue().getShape());
        assertThat(back.getDataType()).as(e.getKey()).isEqualTo(e.getValue().getDataType());
        assertThat(back.toByteBuffer()).as(e.getKey()).isEqualTo(e.getValue().toByteBuffer());
      }
    }
  }

  @Test
  void shouldStoreHalfPrecisionArraysAsF16AndReadThemBackWidened() throws IOException {
    NDArray half = manager.randomNormal(new Shape(8)).toType(DataType.FLOAT16, false);
    Path file = dir.resolve("half.safetensors");
    SafetensorsWriter.write(file, Map.of(), List.of(SafetensorsWriter.Tensor.of("h", half)));
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.entry("h").type()).isEqualTo(SafetensorsType.F16);
      assertThat(reader.read("h", manager).toFloatArray())
          .containsExactly(half.toType(DataType.FLOAT32, false).toFloatArray());
    }
  }

  @Test
  void shouldWriteEveryParameterUnderItsNameWithPytorchMetadata() throws IOException {
    BertConfig config = BertConfig.preset("tiny", 30).toBuilder().maxPositions(8).build();
    BertForPreTraining model = new BertForPreTraining(config);
    model.initialize(manager);
    Map<String, Parameter> named = HuggingFaceNames.of(model);
    Path file = dir.resolve("model.safetensors");
    SafetensorsWriter.writeParameters(file, named);
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      assertThat(reader.header().metadata()).containsExactly(Map.entry("format", "pt"));
      assertThat(reader.names()).containsExactlyElementsOf(named.keySet());
      for (Map.Entry<String, Parameter> p : named.entrySet()) {
        assertThat(reader.read(p.getKey(), manager).toFloatArray())
            .as(p.getKey())
            .containsExactly(p.getValue().getArray().toFloatArray());
      }
    }
  }

  @Test
  void shouldDeleteThePartFileWhenATensorComesWithTheWrongLength() {
    Path file = dir.resolve("bad.safetensors");
    TensorSpec spec = new TensorSpec("x", SafetensorsType.F32, new Shape(2));
    List<SafetensorsWriter.Tensor> tensors =
        List.of(new SafetensorsWriter.Tensor(spec, () -> ByteBuffer.allocate(4)));
    assertThatThrownBy(() -> SafetensorsWriter.write(file, Map.of(), tensors))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tensor x gave 4 bytes, its spec needs 8");
    assertThat(file).doesNotExist();
  }
}
