package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.inference.SavedModel;
import io.bertstream.trainer.input.OffsetRange;
import io.bertstream.trainer.input.TokenizerMismatchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    TestRuns.produce(
        connection, connection.topics().examples(), TestRuns.examples("not-this-one", 8), 2);

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
    List<PretrainingExample> examples = TestRuns.examples(TestRuns.fingerprint(vocab), 8);
    TestRuns.produce(connection, topic, examples.subList(0, 3), 1);
    TestRuns.producePoison(connection, topic, 0);
    TestRuns.produce(connection, topic, examples.subList(3, 8), 1);

    TrainResult result =
        new TrainerService()
            .run(TestRuns.config(connection, vocab, dir.resolve("ckpt"), 2).build());

    assertThat(result.step()).isEqualTo(2);
    assertThat(result.skippedRecords()).isEqualTo(1);
    List<LedgerEntry> ledger = Journals.readLedger(dir.resolve("ckpt"));
    assertThat(ledger).hasSize(2);
    assertThat(ledger.get(0).offsets().get(0)).isEqualTo(new OffsetRange(0, 4));
    assertThat(ledger.get(1).offsets().get(0)).isEqualTo(new OffsetRange(5, 8));
    assertThat(result.examples()).isEqualTo(8);
  }

  @Test
  void shouldStopAfterTheIdleTimeoutOnceTheTopicIsDrainedAndResumeFromThere() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "idle", 2);
    Path vocab = TestExamples.writeVocab(dir);
    // 10 examples: two full batches of 4, then 2 that never fill a batch.
    TestRuns.produce(
        connection,
        connection.topics().examples(),
        TestRuns.examples(TestRuns.fingerprint(vocab), 10),
        2);
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
    assertThat(Journals.readLedger(dir.resolve("ckpt"))).hasSize(2);
  }

  @Test
  void shouldFinishTheStepAndWriteAFinalCheckpointWhenStopped() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "stop", 2);
    Path vocab = TestExamples.writeVocab(dir);
    // Five batches' worth: the run stops after three because it is asked to.
    TestRuns.produce(
        connection,
        connection.topics().examples(),
        TestRuns.examples(TestRuns.fingerprint(vocab), 20),
        2);
    TrainerService service = new TrainerService();
    List<RunStatus> reports = new ArrayList<>();
    TrainingListener stopAtStep3 =
        new TrainingListener() {
          @Override
          public void stepTrained(long step) {
            if (step == 3) {
              service.stop();
            }
          }

          @Override
          public void statusReported(RunStatus report) {
            reports.add(report);
          }
        };

    TrainResult result =
        service.run(
            TestRuns.config(connection, vocab, dir.resolve("ckpt"), 0).build(), stopAtStep3);

    assertThat(result.reason()).isEqualTo(TrainResult.StopReason.STOPPED);
    assertThat(result.step()).isEqualTo(3);
    // Checkpoints by step come every 4: the only one is the final checkpoint the stop wrote.
    assertThat(new CheckpointStore(dir.resolve("ckpt"), 3).latest().orElseThrow().step())
        .isEqualTo(3);
    assertThat(result.checkpoint().getFileName().toString()).isEqualTo("step-0000000003");
    assertThat(Journals.readLedger(dir.resolve("ckpt"))).hasSize(3);
    // Each step is reported once, with the loss the ledger holds.
    assertThat(reports).extracting(RunStatus::step).containsExactly(1L, 2L, 3L);
    assertThat(reports)
        .extracting(RunStatus::loss)
        .containsExactlyElementsOf(
            Journals.readLedger(dir.resolve("ckpt")).stream().map(LedgerEntry::loss).toList());
    assertThat(reports.get(2).trainingTime()).isGreaterThan(Duration.ZERO);
  }

  @Test
  void shouldEvaluateProbeAndPredictMaskedTokensFromTheSavedCheckpoint() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "fill-mask", 2);
    Path vocab = TestExamples.writeVocab(dir);
    String tokenizerId = TestRuns.fingerprint(vocab);
    TestRuns.produce(
        connection, connection.topics().examples(), TestRuns.examples(tokenizerId, 8), 2);
    TestRuns.produce(
        connection, connection.topics().examplesEval(), TestRuns.examples(tokenizerId, 6), 2);

    TrainResult result =
        new TrainerService()
            .run(
                TestRuns.config(connection, vocab, dir.resolve("ckpt"), 2)
                    .evalEvery(1)
                    .evalExamples(5)
                    .probes(List.of("aa ab [MASK] ac"))
                    .topK(3)
                    .build());

    List<EvalEntry> metrics = Journals.readEvaluations(dir.resolve("ckpt"));
    assertThat(metrics).hasSize(2);
    EvalScores scores = metrics.get(1).scores().orElseThrow();
    assertThat(scores.examples()).isEqualTo(5);
    assertThat(scores.mlmLoss()).isPositive();
    assertThat(scores.nspAccuracy()).isBetween(0.0, 1.0);
    assertThat(metrics.get(1).probes().get("aa ab [MASK] ac").get(0)).hasSize(3);
    assertThat(result.lastEvaluation()).contains(metrics.get(1));

    try (SavedModel saved = SavedModel.load(result.checkpoint().getParent())) {
      assertThat(saved.checkpoint().orElseThrow().step()).isEqualTo(2);
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
}
