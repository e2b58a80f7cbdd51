package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HuggingFaceCheckpointTest {

  private static final List<String> POOLER =
      List.of("bert.pooler.dense.weight", "bert.pooler.dense.bias");
  private static final List<String> NSP_HEAD =
      List.of("cls.seq_relationship.weight", "cls.seq_relationship.bias");
  private static final List<String> MLM_HEAD =
      List.of(
          "cls.predictions.bias",
          "cls.predictions.transform.dense.weight",
          "cls.predictions.transform.dense.bias",
          "cls.predictions.transform.LayerNorm.weight",
          "cls.predictions.transform.LayerNorm.bias");

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
  void shouldSetEveryParameterToTheTensorTransformersSaved() throws IOException {
    Fixtures.Loaded loaded = Fixtures.load("pretraining", manager);
    assertThat(loaded.report().loaded()).hasSize(46);
    assertThat(loaded.report().fresh()).isEmpty();
    assertThat(loaded.report().ignored()).isEmpty();
    Map<String, float[]> values = Fixtures.values(loaded.model());
    try (SafetensorsReader file =
        SafetensorsReader.open(Fixtures.path("pretraining/model.safetensors"))) {
      assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(file.names());
      for (String name : file.names()) {
        assertThat(values.get(name))
            .as(name)
            .containsExactly(file.read(name, manager).toFloatArray());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sharded", "legacy", "masked-lm", "bare"})
  void shouldImportEveryVariantToTheSameParameters(String variant) throws IOException {
    Map<String, float[]> reference = Fixtures.values(Fixtures.load("pretraining", manager).model());
    Fixtures.Loaded loaded = Fixtures.load(variant, manager);
    Map<String, float[]> values = Fixtures.values(loaded.model());
    assertThat(loaded.report().loaded()).isNotEmpty();
    for (String name : loaded.report().loaded()) {
      assertThat(values.get(name)).as(name).containsExactly(reference.get(name));
    }
    List<String> all = new ArrayList<>(loaded.report().loaded());
    all.addAll(loaded.report().fresh());
    assertThat(all).containsExactlyInAnyOrderElementsOf(reference.keySet());
  }

  @Test
  void shouldReportTheHeadsAMaskedLmCheckpointLacks() throws IOException {
    ImportReport report = Fixtures.load("masked-lm", manager).report();
    assertThat(report.fresh()).containsExactlyInAnyOrderElementsOf(concat(POOLER, NSP_HEAD));
    assertThat(report.ignored()).isEmpty();
    assertThat(report.summary()).contains("starting fresh: [");
  }

  @Test
  void shouldStartBothHeadsFreshFromABareModel() throws IOException {
    Fixtures.Loaded loaded = Fixtures.load("bare", manager);
    assertThat(loaded.report().fresh())
        .containsExactlyInAnyOrderElementsOf(concat(MLM_HEAD, NSP_HEAD));
    assertThat(loaded.report().loaded()).containsAll(POOLER);
    // fresh parameters keep the values the model was initialised with
    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(Fixtures.path("bare"))) {
      Map<String, float[]> initial = Fixtures.values(Fixtures.model(checkpoint, manager));
      Map<String, float[]> values = Fixtures.values(loaded.model());
      for (String name : loaded.report().fresh()) {
        assertThat(values.get(name)).as(name).containsExactly(initial.get(name));
      }
      assertThat(values.get("cls.predictions.transform.LayerNorm.weight")).containsOnly(1f);
    }
  }

  @Test
  void shouldIgnoreBuffersAndAcceptTheStoredTiedDecoder() throws IOException {
    ImportReport report = Fixtures.load("legacy", manager).report();
    assertThat(report.ignored()).containsExactly("embeddings.position_ids");
    assertThat(report.fresh()).isEmpty();
    assertThat(report.loaded()).hasSize(46).contains("cls.predictions.bias");
  }

  @Test
  void shouldRefuseAnUntiedDecoderAndLeaveTheModelUntouched() throws IOException {
    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(Fixtures.path("untied"))) {
      assertThat(checkpoint.config().tieWordEmbeddings()).isFalse();
      BertForPreTraining model = Fixtures.model(checkpoint, manager);
      Map<String, float[]> before = Fixtures.values(model);
      assertThatThrownBy(() -> checkpoint.loadInto(model))
          .isInstanceOf(HuggingFaceImportException.class)
          .hasMessageContaining("has an untied MLM decoder (cls.predictions.decoder.weight differs")
          .hasMessageContaining("tie_word_embeddings=false");
      Map<String, float[]> after = Fixtures.values(model);
      before.forEach((name, v) -> assertThat(after.get(name)).as(name).containsExactly(v));
    }
  }

  @Test
  void shouldRefuseDecoderAndPredictionsBiasesThatDiffer() throws IOException {
    Path copy = copyOf("pretraining");
    rewrite(
        copy.resolve("model.safetensors"),
        null,
        "cls.predictions.decoder.bias",
        "cls.predictions.bias");
    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(copy)) {
      BertForPreTraining model = Fixtures.model(checkpoint, manager);
      assertThatThrownBy(() -> checkpoint.loadInto(model))
          .isInstanceOf(HuggingFaceImportException.class)
          .hasMessageContaining("with different values, but they are one parameter");
    }
  }

  @Test
  void shouldRefuseACheckpointWhoseEncoderIsIncomplete() throws IOException {
    Path copy = copyOf("pretraining");
    rewrite(
        copy.resolve("model.safetensors"), "bert.encoder.layer.1.output.dense.bias", null, null);
    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(copy)) {
      BertForPreTraining model = Fixtures.model(checkpoint, manager);
      assertThatThrownBy(() -> checkpoint.loadInto(model))
          .isInstanceOf(HuggingFaceImportException.class)
          .hasMessageContaining("lacks 1 encoder tensors")
          .hasMessageContaining("bert.encoder.layer.1.output.dense.bias");
    }
  }

  @Test
  void shouldRefuseAModelOfAnotherShape() throws IOException {
    try (HuggingFaceCheckpoint checkpoint =
        HuggingFaceCheckpoint.open(Fixtures.path("pretraining"))) {
      BertConfig fewerLayers = checkpoint.bertConfig().toBuilder().numLayers(1).build();
      BertForPreTraining model = new BertForPreTraining(fewerLayers);
      model.initialize(manager);
      assertThatThrownBy(() -> checkpoint.loadInto(model))
          .isInstanceOf(HuggingFaceImportException.class)
          .hasMessageContaining("the model's shape");
      // dropout is a training choice, not a shape: a different rate imports
      BertForPreTraining noDropout =
          new BertForPreTraining(checkpoint.bertConfig().toBuilder().dropout(0).build());
      noDropout.initialize(manager);
      assertThat(checkpoint.loadInto(noDropout).loaded()).hasSize(46);
    }
  }

  @Test
  void shouldRefusePytorchBinWithTheCommandThatConvertsIt() throws IOException {
    Path model = dir.resolve("from-the-hub");
    Files.createDirectories(model);
    Files.copy(Fixtures.path("masked-lm/config.json"), model.resolve("config.json"));
    Files.write(model.resolve("pytorch_model.bin"), new byte[] {1});
    assertThatThrownBy(() -> HuggingFaceCheckpoint.open(model))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining("holds its weights only as pytorch_model.bin")
        .hasMessageContaining(
            "from transformers import BertForMaskedLM; BertForMaskedLM.from_pretrained(\""
                + model
                + "\").save_pretrained(\""
                + model
                + "\", safe_serialization=True)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldRefuseADirectoryWithoutWeightsOrConfig() throws IOException {
    Path model = dir.resolve("empty");
    Files.createDirectories(model);
    assertThatThrownBy(() -> HuggingFaceCheckpoint.open(model))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining("has no config.json");
    Files.copy(Fixtures.path("pretraining/config.json"), model.resolve("config.json"));
    assertThatThrownBy(() -> HuggingFaceCheckpoint.open(model))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining(
            "holds no weights: expected model.safetensors or model.safetensors.index.json");
    assertThatThrownBy(() -> HuggingFaceCheckpoint.open(dir.resolve("missing")))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining("is not a directory");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"hidden_act\": \"gelu\"|\"hidden_act\": \"relu\"|hidden_act is 'relu'",
        "\"hidden_act\": \"gelu\"|\"hidden_act\": \"gelu_new\"|hidden_act is 'gelu_new'",
        "\"model_type\": \"bert\"|\"position_embedding_type\": \"relative_key_query\","
            + " \"model_type\": \"bert\"|position_embedding_type is 'relative_key_query'",
        "\"model_type\": \"bert\"|\"model_type\": \"roberta\"|model_type is 'roberta'"
      })
  void shouldRefuseAConfigTheModelCannotCompute(String edit) throws IOException {
    String[] parts = edit.split("\\|");
    Path copy = copyOf("pretraining");
    String config = Files.readString(copy.resolve("config.json"));
    assertThat(config).contains(parts[0]);
    Files.writeString(copy.resolve("config.json"), config.replace(parts[0], parts[1]));
    assertThatThrownBy(() -> HuggingFaceCheckpoint.open(copy))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining(parts[2])
        .hasMessageContaining("is supported by this trainer's BERT");
  }

  @Test
  void shouldRefuseACorruptWeightsFileInOneLine() throws IOException {
    Path copy = copyOf("pretraining");
    Files.write(copy.resolve("model.safetensors"), new byte[] {9, 9, 9});
    assertThatThrownBy(() -> HuggingFaceCheckpoint.open(copy))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining("model.safetensors is not a valid safetensors file");
  }

  private Path copyOf(String fixture) throws IOException {
    Path copy = dir.resolve(fixture);
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(Fixtures.path(fixture))) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  /**
   * Rewrites {@code file} without the tensor {@code drop} (if not null) and with an extra tensor
   * {@code add} holding {@code addFrom}'s values, the first one changed by 1.
   */
  private static void rewrite(Path file, String drop, String add, String addFrom)
      throws IOException {
    Path temp = file.resolveSibling("rewritten");
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      List<SafetensorsWriter.Tensor> tensors = new ArrayList<>();
      for (String name : reader.names()) {
        if (!name.equals(drop)) {
          tensors.add(
              new SafetensorsWriter.Tensor(
                  reader.entry(name).spec(), () -> reader.readBytes(name)));
        }
      }
      if (add != null) {
        TensorEntry like = reader.entry(addFrom);
        SafetensorsWriter.TensorBytes changed =
            () -> {
              ByteBuffer bytes = reader.readBytes(addFrom);
              bytes.putFloat(0, bytes.getFloat(0) + 1f);
              return bytes;
            };
        tensors.add(
            new SafetensorsWriter.Tensor(new TensorSpec(add, like.type(), like.shape()), changed));
      }
      SafetensorsWriter.write(temp, SafetensorsWriter.PYTORCH_METADATA, tensors);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
