package io.bertstream.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.TestExamples;
import io.bertstream.trainer.TestRuns;
import io.bertstream.trainer.TrainResult;
import io.bertstream.trainer.TrainerService;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.huggingface.HuggingFaceCheckpoint;
import io.bertstream.trainer.huggingface.SafetensorsReader;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.inference.SavedModel;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bertstream export} on a checkpoint a real (short) run wrote. */
class ModelExportTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final String PRODUCER = "bertstream test";
  private static final List<String> PROBES = List.of("aa [MASK] ab ac", "[MASK] ba bb [MASK] bc");

  @TempDir static Path trained;

  @TempDir Path dir;

  private static TrainResult result;
  private static StoredCheckpoint checkpoint;

  @BeforeAll
  static void trainTwoSteps() throws Exception {
    KafkaConnection connection = STACK.connection("export", 2);
    Path vocab = TestExamples.writeVocab(trained);
    String fingerprint;
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      fingerprint = tokenizer.fingerprint();
    }
    List<PretrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      examples.add(TestExamples.example(fingerprint, TestRuns.SEED, i));
    }
    TestRuns.produce(connection, connection.topics().examples(), examples, 2);
    TestRuns.produce(connection, connection.topics().examplesEval(), examples.subList(0, 4), 2);
    result =
        new TrainerService()
            .run(
                TestRuns.config(connection, vocab, trained.resolve("ckpt"), 2)
                    .evalEvery(2)
                    .evalExamples(4)
                    .build());
    checkpoint = new CheckpointStore(trained.resolve("ckpt"), 3).latest().orElseThrow();
  }

  @Test
  void shouldWriteExactlyTheModelConfigTokenizerAndCard() throws IOException {
    Path out = dir.resolve("model");

    ModelExport.write(trained.resolve("ckpt"), out, false, PRODUCER);

    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "model.safetensors",
              "config.json",
              "tokenizer.json",
              "vocab.txt",
              "tokenizer_config.json",
              "special_tokens_map.json",
              "README.md");
    }
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings).as("no temporary directory left").containsExactly(out);
    }
  }

  @Test
  void shouldImportToExactlyTheCheckpointsParameters() throws IOException {
    Path out = dir.resolve("model");
    ModelExport.write(checkpoint.directory(), out, false, PRODUCER);

    Map<String, float[]> stored = TestRuns.parameters(checkpoint.directory());
    try (NDManager manager = NDManager.newBaseManager();
        HuggingFaceCheckpoint exported = HuggingFaceCheckpoint.open(out);
        SafetensorsReader file = SafetensorsReader.open(out.resolve("model.safetensors"))) {
      assertThat(file.header().metadata()).containsEntry("format", "pt");
      BertForPreTraining model = new BertForPreTraining(exported.bertConfig());
      model.initialize(manager);
      assertThat(exported.loadInto(model).fresh()).isEmpty();
      Map<String, float[]> imported = new LinkedHashMap<>();
      HuggingFaceNames.of(model)
          .forEach((name, p) -> imported.put(name, p.getArray().toFloatArray()));
      assertThat(imported.keySet()).isEqualTo(stored.keySet());
      for (String name : stored.keySet()) {
        assertThat(imported.get(name)).as(name).containsExactly(stored.get(name));
      }
    }
  }

  @Test
  void shouldGiveTheSameFillMaskProbabilitiesAsTheCheckpoint() throws IOException {
    Path out = dir.resolve("model");
    ModelExport.write(trained.resolve("ckpt"), out, false, PRODUCER);

    try (SavedModel fromCheckpoint = SavedModel.load(trained.resolve("ckpt"));
        SavedModel fromExport = SavedModel.load(out)) {
      assertThat(fromCheckpoint.checkpoint()).isPresent();
      assertThat(fromExport.checkpoint()).isEmpty();
      assertThat(fromExport.tokenizer().fingerprint())
          .isEqualTo(fromCheckpoint.tokenizer().fingerprint());
      for (String probe : PROBES) {
        List<List<FillMask.Candidate>> expected =
            new FillMask(fromCheckpoint.model(), fromCheckpoint.tokenizer())
                .candidates(fromCheckpoint.manager(), probe, 10);
        assertThat(
                new FillMask(fromExport.model(), fromExport.tokenizer())
                    .candidates(fromExport.manager(), probe, 10))
            .as(probe)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void shouldDescribeTheRunInTheModelCard() throws IOException {
    Path out = dir.resolve("model");

    ModelCard card = ModelExport.write(trained.resolve("ckpt"), out, false, PRODUCER);

    EvalScores scores = result.lastEvaluation().orElseThrow().scores().orElseThrow();
    String readme = Files.readString(out.resolve("README.md"));
    assertThat(card.step()).isEqualTo(2);
    assertThat(card.tokens()).contains(checkpoint.manifest().tokens());
    assertThat(readme)
        .startsWith("---\nlibrary_name: transformers\npipeline_tag: fill-mask\n")
        .contains("| steps | 2 |")
        .contains("| examples seen | 8 |")
        .contains("| tokens seen | " + String.format(Locale.ROOT, "%,d", card.tokens().get()))
        .contains("`export.examples`")
        .contains("fingerprint `" + checkpoint.manifest().tokenizerId() + "`")
        .contains("random initialisation (seed " + TestRuns.SEED + ")")
        .contains(String.format(Locale.ROOT, "MLM loss %.4f", scores.mlmLoss()))
        .contains(String.format(Locale.ROOT, "MLM accuracy %.4f", scores.mlmAccuracy()))
        .contains(String.format(Locale.ROOT, "NSP accuracy %.4f", scores.nspAccuracy()))
        .contains("| exported by | " + PRODUCER + " |")
        .contains("pipeline(\"fill-mask\", model=\"" + out + "\")")
        .contains("AutoModelForMaskedLM.from_pretrained(")
        .doesNotContain("optimizer");
  }

  @Test
  void shouldRefuseANonEmptyDirectoryUnlessToldToReplaceIt() throws IOException {
    Path out = Files.createDirectories(dir.resolve("model"));
    Files.writeString(out.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> ModelExport.write(trained.resolve("ckpt"), out, false, PRODUCER))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("--force");
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");

    ModelExport.write(trained.resolve("ckpt"), out, true, PRODUCER);

    assertThat(out.resolve("notes.txt")).doesNotExist();
    assertThat(out.resolve("model.safetensors")).isRegularFile();
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings)
          .as("neither the old nor a temporary directory left")
          .containsExactly(out);
    }
  }

  @Test
  void shouldExportIntoAnEmptyDirectory() throws IOException {
    Path out = Files.createDirectories(dir.resolve("empty"));

    ModelExport.write(trained.resolve("ckpt"), out, false, PRODUCER);

    assertThat(out.resolve("config.json")).isRegularFile();
  }
}
