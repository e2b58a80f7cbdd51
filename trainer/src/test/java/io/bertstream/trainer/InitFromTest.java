package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.HuggingFaceTokenizerFiles;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.huggingface.HuggingFaceCheckpoint;
import io.bertstream.trainer.huggingface.HuggingFaceExport;
import io.bertstream.trainer.huggingface.HuggingFaceImportException;
import io.bertstream.trainer.huggingface.ImportReport;
import io.bertstream.trainer.huggingface.SafetensorsReader;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.inference.SavedModel;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.BatchBuilder;
import io.bertstream.trainer.input.FetchedExample;
import io.bertstream.trainer.input.RoundRobinComposer;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --init-from}: a run that starts from a HuggingFace BERT directory. */
class InitFromTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shouldTrainFromTheTransformersFixtureAndCheckpointAModelThatImportsToTheTrainedWeights()
      throws Exception {
    Path init = TestRuns.huggingFaceFixture("pretraining");
    KafkaConnection connection = TestRuns.connect(STACK, "init-pretraining", 1);
    List<PretrainingExample> examples = examples(TestExamples.Layout.TRAINED, init, 4);
    TestRuns.produce(connection, connection.topics().examples(), examples, 1);

    TrainResult result =
        new TrainerService().run(fromDirectory(connection, init, dir.resolve("ckpt"), 1).build());

    assertThat(result.step()).isEqualTo(1);
    assertThat(result.imported().orElseThrow().loaded()).hasSize(46);
    assertThat(result.imported().orElseThrow().fresh()).isEmpty();
    Map<String, float[]> expected = trainedInProcess(init, examples);
    Map<String, float[]> reimported = reimport(result.checkpoint());
    assertThat(reimported.keySet()).isEqualTo(expected.keySet());
    for (String name : expected.keySet()) {
      assertThat(reimported.get(name)).as(name).containsExactly(expected.get(name));
    }
    Map<String, float[]> fixture = TestRuns.parameters(init);
    assertThat(expected.keySet())
        .as("one step changed the fixture's weights")
        .anySatisfy(name -> assertThat(expected.get(name)).isNotEqualTo(fixture.get(name)));
    StoredCheckpoint checkpoint = new CheckpointStore(dir.resolve("ckpt"), 3).latest().get();
    assertThat(checkpoint.manifest().initFrom()).isEqualTo(init.toString());
    assertThat(checkpoint.manifest().tokens())
        .isEqualTo(examples.stream().mapToLong(e -> e.getInputIds().size()).sum());
  }

  @Test
  void shouldWriteCheckpointsAsHuggingFaceModelDirectories() throws Exception {
    Path init = TestRuns.huggingFaceFixture("pretraining");
    KafkaConnection connection = TestRuns.connect(STACK, "init-layout", 1);
    TestRuns.produce(
        connection,
        connection.topics().examples(),
        examples(TestExamples.Layout.TRAINED, init, 4),
        1);

    Path checkpoint =
        new TrainerService()
            .run(fromDirectory(connection, init, dir.resolve("ckpt"), 1).build())
            .checkpoint();

    try (Stream<Path> files = Files.list(checkpoint)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "config.json",
              "model.safetensors",
              "tokenizer.json",
              "vocab.txt",
              "tokenizer_config.json",
              "special_tokens_map.json",
              "optimizer.safetensors",
              "manifest.json");
    }
    JsonNode config = JSON.readTree(checkpoint.resolve("config.json").toFile());
    assertThat(config.get("model_type").asText()).isEqualTo("bert");
    assertThat(config.get("architectures").get(0).asText()).isEqualTo("BertForPreTraining");
    assertThat(config.get("hidden_act").asText()).isEqualTo("gelu");
    assertThat(config.get("position_embedding_type").asText()).isEqualTo("absolute");
    assertThat(config.get("pad_token_id").asInt()).isZero();
    assertThat(config.get("tie_word_embeddings").asBoolean()).isTrue();
    assertThat(config.get("vocab_size").asInt()).isEqualTo(121);
    assertThat(config.get("hidden_size").asInt()).isEqualTo(32);
    assertThat(config.get("num_hidden_layers").asInt()).isEqualTo(2);
    assertThat(config.get("num_attention_heads").asInt()).isEqualTo(2);
    assertThat(config.get("intermediate_size").asInt()).isEqualTo(64);
    assertThat(config.get("max_position_embeddings").asInt()).isEqualTo(64);
    assertThat(config.get("type_vocab_size").asInt()).isEqualTo(2);
    assertThat(config.has("layer_norm_eps")).isTrue();
    assertThat(config.has("initializer_range")).isTrue();
    assertThat(config.has("hidden_dropout_prob")).isTrue();
    assertThat(config.has("attention_probs_dropout_prob")).isTrue();
    try (SafetensorsReader model = SafetensorsReader.open(checkpoint.resolve("model.safetensors"));
        SafetensorsReader optimizer =
            SafetensorsReader.open(checkpoint.resolve("optimizer.safetensors"))) {
      assertThat(model.header().metadata()).containsEntry("format", "pt");
      assertThat(model.names()).doesNotContain("cls.predictions.decoder.weight").hasSize(46);
      assertThat(optimizer.names())
          .contains("adamw/exp_avg/bert.embeddings.word_embeddings.weight");
    }
    JsonNode tokenizerConfig = JSON.readTree(checkpoint.resolve("tokenizer_config.json").toFile());
    assertThat(tokenizerConfig.get("mask_token").asText()).isEqualTo("[MASK]");
  }

  @Test
  void shouldStartTheHeadsAMaskedLmOrBareDirectoryLacksFreshAndCheckpointThemAll()
      throws Exception {
    Path vocab = TestRuns.huggingFaceFixture("pretraining").resolve("vocab.txt");
    int run = 0;
    for (String variant : List.of("masked-lm", "bare")) {
      Path init = TestRuns.huggingFaceFixture(variant);
      KafkaConnection connection = TestRuns.connect(STACK, "init-" + variant, 1);
      TestRuns.produce(
          connection,
          connection.topics().examples(),
          examples(TestExamples.Layout.TRAINED, vocab, 4),
          1);
      TrainerConfig config =
          TestRuns.config(connection, vocab, dir.resolve("ckpt-" + run++), 1)
              .initFrom(init)
              .preset(null)
              .overrides(ModelOverrides.none())
              .build();

      TrainResult result = new TrainerService().run(config);

      ImportReport imported = result.imported().orElseThrow();
      if (variant.equals("masked-lm")) {
        assertThat(imported.fresh())
            .containsExactlyInAnyOrder(
                "bert.pooler.dense.weight",
                "bert.pooler.dense.bias",
                "cls.seq_relationship.weight",
                "cls.seq_relationship.bias");
      } else {
        assertThat(imported.fresh())
            .contains("cls.seq_relationship.weight", "cls.predictions.bias")
            .doesNotContain("bert.pooler.dense.weight");
      }
      try (NDManager manager = NDManager.newBaseManager();
          HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(result.checkpoint())) {
        BertForPreTraining model = new BertForPreTraining(checkpoint.bertConfig());
        model.initialize(manager);
        assertThat(checkpoint.loadInto(model).fresh()).as(variant).isEmpty();
      }
    }
  }

  @Test
  void shouldRefuseATokenizerWhoseVocabularyIsNotTheModelsBeforeTraining() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "init-vocab", 1);
    Path otherVocab = TestExamples.writeVocab(dir);
    TrainerConfig config =
        TestRuns.config(connection, otherVocab, dir.resolve("ckpt"), 1)
            .initFrom(TestRuns.huggingFaceFixture("pretraining"))
            .preset(null)
            .overrides(ModelOverrides.none())
            .build();

    assertThatThrownBy(() -> new TrainerService().run(config))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining("vocab_size 121")
        .hasMessageContaining("64 tokens");
    assertThat(new CheckpointStore(dir.resolve("ckpt"), 3).latest()).isEmpty();
  }

  @Test
  void shouldRefuseATokenizerOfTheSameSizeThatIsNotTheDirectorysOwn() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "init-fingerprint", 1);
    Path init = TestRuns.huggingFaceFixture("pretraining");
    List<String> shuffled = new ArrayList<>(Files.readAllLines(init.resolve("vocab.txt")));
    java.util.Collections.swap(shuffled, 10, 11);
    Path otherVocab = Files.write(dir.resolve("other-vocab.txt"), shuffled);
    TrainerConfig config =
        TestRuns.config(connection, otherVocab, dir.resolve("ckpt"), 1)
            .initFrom(init)
            .preset(null)
            .overrides(ModelOverrides.none())
            .build();

    assertThatThrownBy(() -> new TrainerService().run(config))
        .isInstanceOf(HuggingFaceImportException.class)
        .hasMessageContaining("is not the tokenizer of " + init);
  }

  @Test
  void shouldResumeTheCheckpointOnceOneExistsAndIgnoreInitFrom() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "init-resume", 1);
    Path vocab = TestExamples.writeVocab(dir);
    TestRuns.produce(
        connection,
        connection.topics().examples(),
        examples(TestExamples.Layout.TRAINED, vocab, 16),
        1);
    Path checkpoints = dir.resolve("ckpt");
    new TrainerService().run(TestRuns.config(connection, vocab, checkpoints, 2).build());

    // The init directory has another shape and vocabulary: were it used, the run would fail.
    TrainResult resumed =
        new TrainerService()
            .run(
                TestRuns.config(connection, vocab, checkpoints, 4)
                    .initFrom(TestRuns.huggingFaceFixture("pretraining"))
                    .build());

    assertThat(resumed.step()).isEqualTo(4);
    assertThat(resumed.stepsThisRun()).isEqualTo(2);
    assertThat(resumed.imported()).isEmpty();
    StoredCheckpoint last = new CheckpointStore(checkpoints, 3).latest().orElseThrow();
    assertThat(last.manifest().initFrom()).isNull();
    assertThat(JSON.readTree(last.file("config.json").toFile()).get("hidden_size").asInt())
        .isEqualTo(128);
  }

  @Test
  void shouldTrainFromADirectoryWhoseSpecialTokensSitWhereBertBaseHasThem() throws Exception {
    // bert-base-uncased: [PAD]=0, [unused0..98]=1..99, [UNK]=100, [CLS]=101, [SEP]=102,
    // [MASK]=103, then the words.
    List<String> tokens = new ArrayList<>(List.of("[PAD]"));
    for (int i = 0; i < 99; i++) {
      tokens.add("[unused" + i + "]");
    }
    tokens.addAll(List.of("[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    for (int i = 0; i < TestExamples.WORDS; i++) {
      tokens.add(TestExamples.word(i));
    }
    Path init = Files.createDirectories(dir.resolve("bert-base-layout"));
    Path vocabFile = Files.write(dir.resolve("vocab.txt"), tokens, StandardCharsets.UTF_8);
    BertConfig shape =
        BertConfig.preset("tiny", tokens.size()).toBuilder().maxPositions(64).build();
    try (BertTokenizer tokenizer = BertTokenizer.load(vocabFile);
        NDManager manager = NDManager.newBaseManager()) {
      assertThat(List.of(tokenizer.clsId(), tokenizer.sepId(), tokenizer.maskId()))
          .containsExactly(101, 102, 103);
      HuggingFaceTokenizerFiles.write(tokenizer, init, 64);
      BertForPreTraining model = new BertForPreTraining(shape);
      model.initialize(manager);
      HuggingFaceExport.write(model, tokenizer.padId(), init);
    }
    TestExamples.Layout layout = new TestExamples.Layout(101, 102, 103, 104);
    KafkaConnection connection = TestRuns.connect(STACK, "init-bert-base-ids", 2);
    TestRuns.produce(connection, connection.topics().examples(), examples(layout, init, 12), 2);
    TestRuns.produce(connection, connection.topics().examplesEval(), examples(layout, init, 4), 2);

    TrainResult result =
        new TrainerService()
            .run(
                fromDirectory(connection, init, dir.resolve("ckpt"), 3)
                    .evalEvery(3)
                    .evalExamples(4)
                    .probes(List.of("aa [MASK] ab"))
                    .build());

    assertThat(result.step()).isEqualTo(3);
    assertThat(result.skippedRecords()).isZero();
    assertThat(Journals.readLedger(dir.resolve("ckpt")))
        .hasSize(3)
        .allSatisfy(step -> assertThat(step.loss()).isFinite().isPositive());
    assertThat(result.lastEvaluation().orElseThrow().scores().orElseThrow().mlmLoss()).isFinite();
    try (SavedModel saved = SavedModel.load(result.checkpoint())) {
      BertTokenizer tokenizer = saved.tokenizer();
      assertThat(List.of(tokenizer.padId(), tokenizer.unkId(), tokenizer.clsId()))
          .containsExactly(0, 100, 101);
      assertThat(List.of(tokenizer.sepId(), tokenizer.maskId())).containsExactly(102, 103);
      List<FillMask.Candidate> guesses =
          new FillMask(saved.model(), tokenizer)
              .candidates(saved.manager(), "aa [MASK] ab", tokens.size())
              .get(0);
      assertThat(guesses)
          .extracting(FillMask.Candidate::id)
          .doesNotContain(0, 100, 101, 102, 103)
          .hasSize(tokens.size() - 5);
    }
    JsonNode config = JSON.readTree(result.checkpoint().resolve("config.json").toFile());
    assertThat(config.get("pad_token_id").asInt()).isZero();
  }

  /** A run from {@code init} with the model's own tokenizer and no size flags. */
  private static TrainerConfig.Builder fromDirectory(
      KafkaConnection connection, Path init, Path checkpoints, long maxSteps) {
    return TestRuns.config(connection, null, checkpoints, maxSteps)
        .initFrom(init)
        .preset(null)
        .overrides(ModelOverrides.none());
  }

  private static List<PretrainingExample> examples(
      TestExamples.Layout layout, Path tokenizerPath, int count) throws IOException {
    String fingerprint;
    try (BertTokenizer tokenizer = BertTokenizer.load(tokenizerPath)) {
      fingerprint = tokenizer.fingerprint();
    }
    List<PretrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      examples.add(TestExamples.example(layout, fingerprint, TestRuns.SEED, i));
    }
    return examples;
  }

  /** The same first step, taken in-process: session from the directory, one batch. */
  private static Map<String, float[]> trainedInProcess(Path init, List<PretrainingExample> examples)
      throws IOException {
    List<FetchedExample> fetched = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      fetched.add(new FetchedExample(0, i, examples.get(i)));
    }
    Batch batch = new BatchBuilder(0).build(new RoundRobinComposer.Composed(fetched, 0));
    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(init);
        TrainingSession session =
            TrainingSession.create(
                checkpoint.bertConfig(), TestRuns.OPTIMIZATION, 1, TestRuns.SEED)) {
      session.initFrom(checkpoint);
      session.train(batch, 1, TestRuns.SEED);
      return values(HuggingFaceNames.of(session.model()));
    }
  }

  private static Map<String, float[]> reimport(Path checkpointDir) throws IOException {
    try (NDManager manager = NDManager.newBaseManager();
        HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(checkpointDir)) {
      BertForPreTraining model = new BertForPreTraining(checkpoint.bertConfig());
      model.initialize(manager);
      ImportReport report = checkpoint.loadInto(model);
      assertThat(report.fresh()).isEmpty();
      assertThat(report.ignored()).isEmpty();
      return values(HuggingFaceNames.of(model));
    }
  }

  private static Map<String, float[]> values(Map<String, Parameter> parameters) {
    Map<String, float[]> values = new LinkedHashMap<>();
    parameters.forEach((name, p) -> values.put(name, p.getArray().toFloatArray()));
    return values;
  }
}
