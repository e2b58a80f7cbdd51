package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.StepJournal;
import io.bertstream.trainer.input.TokenizerMismatchException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TrainerServiceTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @TempDir Path dir;

  @Test
  void shouldStopWithAClearErrorWhenExamplesComeFromAnotherTokenizer() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "mismatch", 2);
    Path vocab = TestExamples.writeVocab(dir);
    TestRuns.produce(connection, connection.topics().examples(), examples("not-this-one", 8), 2);

    TrainerService service = new TrainerService();
    TrainerConfig config = TestRuns.config(connection, vocab, dir.resolve("ckpt"), 2).build();

    assertThatThrownBy(() -> service.run(config))
        .isInstanceOf(TokenizerMismatchException.class)
        .hasMessageContaining("not-this-one")
        .hasMessageContaining("mismatch.examples-");
    assertThat(new CheckpointStore(dir.resolve("ckpt"), 3).latest()).isEmpty();
  }

  @Test
  void shouldSkipAnUndecodableRecordAndTrainOnEveryOtherExample() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "poison", 1);
    Path vocab = TestExamples.writeVocab(dir);
    String topic = connection.topics().examples();
    List<PretrainingExample> examples = examples(fingerprint(vocab), 8);
    TestRuns.produce(connection, topic, examples.subList(0, 3), 1);
    TestRuns.producePoison(connection, topic, 0);
    TestRuns.produce(connection, topic, examples.subList(3, 8), 1);

    TrainResult result =
        new TrainerService()
            .run(TestRuns.config(connection, vocab, dir.resolve("ckpt"), 2).build());

    assertThat(result.step()).isEqualTo(2);
    assertThat(result.skippedRecords()).isEqualTo(1);
    List<JsonNode> ledger = StepJournal.read(dir.resolve("ckpt/ledger.jsonl"));
    assertThat(ledger).hasSize(2);
    assertThat(ledger.get(0).get("offsets").get("0").toString()).isEqualTo("[0,4]");
    assertThat(ledger.get(1).get("offsets").get("0").toString()).isEqualTo("[5,8]");
    assertThat(result.examples()).isEqualTo(8);
  }

  @Test
  void shouldStopAfterTheIdleTimeoutOnceTheTopicIsDrainedAndResumeFromThere() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "idle", 2);
    Path vocab = TestExamples.writeVocab(dir);
    // 10 examples: two full batches of 4, then 2 that never fill a batch.
    TestRuns.produce(
        connection, connection.topics().examples(), examples(fingerprint(vocab), 10), 2);
    TrainerConfig config =
        TestRuns.config(connection, vocab, dir.resolve("ckpt"), 0)
            .idleTimeout(Duration.ofSeconds(2))
            .build();

    TrainResult first = new TrainerService().run(config);
    TrainResult again = new TrainerService().run(config);

    assertThat(first.reason()).isEqualTo(TrainResult.StopReason.IDLE);
    assertThat(first.step()).isEqualTo(2);
    assertThat(first.examples()).isEqualTo(8);
    assertThat(again.reason()).isEqualTo(TrainResult.StopReason.IDLE);
    assertThat(again.step()).isEqualTo(2);
    assertThat(again.stepsThisRun()).isZero();
    assertThat(StepJournal.read(dir.resolve("ckpt/ledger.jsonl"))).hasSize(2);
  }

  @Test
  void shouldWriteAFinalCheckpointWhenTerminatedBySigterm() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "sigterm", 2);
    Path vocab = TestExamples.writeVocab(dir);
    TestRuns.produce(
        connection, connection.topics().examples(), examples(fingerprint(vocab), 12), 2);
    Path checkpoints = dir.resolve("ckpt");
    Path log = dir.resolve("child.log");

    Process child =
        ChildProcesses.start(
            log,
            STACK.bootstrapServers(),
            TestRuns.registryUrl(STACK),
            "sigterm",
            vocab.toString(),
            checkpoints.toString(),
            "0",
            "none");
    Path ledger = checkpoints.resolve("ledger.jsonl");
    ChildProcesses.await(
        () -> ledgerSteps(ledger) >= 3, Duration.ofMinutes(3), "three steps in the ledger");
    child.destroy();
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

    // Checkpoints by step come every 4: the only one is the final checkpoint SIGTERM wrote.
    assertThat(new CheckpointStore(checkpoints, 3).latest().orElseThrow().step()).isEqualTo(3);
    assertThat(ChildProcesses.logContains(log, "writing a final checkpoint")).isTrue();
  }

  @Test
  void shouldEvaluateProbeAndPredictMaskedTokensFromTheSavedCheckpoint() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "fill-mask", 2);
    Path vocab = TestExamples.writeVocab(dir);
    String tokenizerId = fingerprint(vocab);
    TestRuns.produce(connection, connection.topics().examples(), examples(tokenizerId, 8), 2);
    TestRuns.produce(connection, connection.topics().examplesEval(), examples(tokenizerId, 6), 2);

    TrainResult result =
        new TrainerService()
            .run(
                TestRuns.config(connection, vocab, dir.resolve("ckpt"), 2)
                    .evalEvery(1)
                    .evalExamples(5)
                    .probes(List.of("aa ab [MASK] ac"))
                    .topK(3)
                    .build());

    List<JsonNode> metrics = StepJournal.read(dir.resolve("ckpt/metrics.jsonl"));
    assertThat(metrics).hasSize(2);
    assertThat(metrics.get(1).get("eval_examples").asInt()).isEqualTo(5);
    assertThat(metrics.get(1).get("eval_mlm_loss").asDouble()).isPositive();
    assertThat(metrics.get(1).get("eval_nsp_accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(metrics.get(1).get("probes").get("aa ab [MASK] ac").get(0)).hasSize(3);

    try (SavedModel saved = SavedModel.load(result.checkpoint().getParent())) {
      assertThat(saved.checkpoint().step()).isEqualTo(2);
      List<List<FillMask.Guess>> guesses =
          new FillMask(saved.model(), saved.tokenizer())
              .predict(saved.manager(), "aa [MASK] ab [MASK]", 5);
      assertThat(guesses).hasSize(2);
      for (List<FillMask.Guess> atMask : guesses) {
        assertThat(atMask).hasSize(5);
        assertThat(atMask.get(0).probability()).isGreaterThanOrEqualTo(atMask.get(4).probability());
        assertThat(atMask.stream().mapToDouble(FillMask.Guess::probability).sum())
            .isBetween(0.0, 1.0001);
        assertThat(atMask).allSatisfy(g -> assertThat(g.token()).isNotBlank());
      }
      // Asked for the whole vocabulary: every token but the five special ones, each once.
      int vocabSize = saved.tokenizer().vocabSize();
      List<FillMask.Guess> all =
          new FillMask(saved.model(), saved.tokenizer())
              .predict(saved.manager(), "aa [MASK] ab", vocabSize)
              .get(0);
      assertThat(all).hasSize(vocabSize - 5).doesNotHaveDuplicates();
      assertThat(all)
          .extracting(FillMask.Guess::token)
          .doesNotContain("[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]");
    }
  }

  private static long ledgerSteps(Path ledger) {
    try {
      return java.nio.file.Files.exists(ledger) ? StepJournal.read(ledger).size() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String fingerprint(Path vocab) throws IOException {
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      return tokenizer.fingerprint();
    }
  }

  private static List<PretrainingExample> examples(String tokenizerId, int count) {
    List<PretrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      examples.add(TestExamples.example(tokenizerId, TestRuns.SEED, i));
    }
    return examples;
  }
}
