package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointManifest;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.input.OffsetRange;
import io.bertstream.trainer.optim.BudgetedSchedule;
import io.bertstream.trainer.optim.Schedules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training recipe's parts on the embedded broker: passes over a finite topic ({@code
 * --epochs}), gradient accumulation ({@code --accumulate}), a time budget and the fixed evaluation
 * set — each across a stop and a resume.
 */
class TrainingRecipeTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @TempDir Path dir;

  @Test
  void shouldTrainThreePassesOverATopicOfKExamplesWithEpochsThree() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "epochs", 2);
    Path vocab = TestExamples.writeVocab(dir);
    int k = 12;
    TestRuns.produce(connection, connection.topics().examples(), examples(vocab, k), 2);

    TrainResult result =
        new TrainerService()
            .run(
                TestRuns.config(connection, vocab, dir.resolve("ckpt"), 0)
                    .epochs(3)
                    .idleTimeout(Duration.ofSeconds(3))
                    .build());

    assertThat(result.reason()).isEqualTo(TrainResult.StopReason.IDLE);
    assertThat(result.examples()).isEqualTo(3L * k);
    List<LedgerEntry> ledger = Journals.readLedger(dir.resolve("ckpt"));
    assertThat(ledger).extracting(LedgerEntry::pass).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 3);
    for (int pass = 1; pass <= 3; pass++) {
      assertEachOffsetOnce(passOf(ledger, pass), Map.of(0, 6L, 1, 6L));
    }
    assertThat(store(dir.resolve("ckpt")).latest().orElseThrow().manifest().input().pass())
        .isEqualTo(3);
  }

  @Test
  void shouldResumeMidPassAndAtAPassBoundaryToTheLedgerOfAnUninterruptedRun() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "epochs-resume", 2);
    Path vocab = TestExamples.writeVocab(dir);
    // 10 examples, batches of 4: a pass is 4 + 4 + the 2 left when it ends, the last 4 + 4.
    TestRuns.produce(connection, connection.topics().examples(), examples(vocab, 10), 2);
    Function<Path, TrainerConfig> config =
        checkpoints ->
            TestRuns.config(connection, vocab, checkpoints, 0)
                .epochs(3)
                .idleTimeout(Duration.ofSeconds(3))
                .build();

    Path reference = dir.resolve("uninterrupted");
    TrainResult uninterrupted = new TrainerService().run(config.apply(reference));
    Path stopped = dir.resolve("stopped");
    // Stops at the last step of pass 1 (its partial batch), then in the middle of pass 2.
    TrainResult atBoundary = runStoppingAt(config.apply(stopped), 3);
    TrainResult midPass = runStoppingAt(config.apply(stopped), 5);
    TrainResult rest = new TrainerService().run(config.apply(stopped));

    assertThat(uninterrupted.examples()).isEqualTo(28);
    assertThat(atBoundary.step()).isEqualTo(3);
    assertThat(midPass.step()).isEqualTo(5);
    assertThat(rest.step()).isEqualTo(uninterrupted.step());
    List<LedgerEntry> expected = Journals.readLedger(reference);
    assertThat(expected).extracting(LedgerEntry::examples).containsExactly(4, 4, 2, 4, 4, 2, 4, 4);
    assertSameLedger(Journals.readLedger(stopped), expected);
    assertThat(store(stopped).latest().orElseThrow().manifest().examples()).isEqualTo(28);
  }

  @Test
  void shouldAccumulateMicroBatchesIntoOneLedgerLinePerStepAndResumeBetweenSteps()
      throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "accumulate", 2);
    Path vocab = TestExamples.writeVocab(dir);
    // 11 micro-batches of 4: five steps of 2, and one that never completes a step.
    TestRuns.produce(connection, connection.topics().examples(), examples(vocab, 44), 2);
    Function<Path, TrainerConfig> config =
        checkpoints ->
            TestRuns.config(connection, vocab, checkpoints, 0)
                .accumulate(2)
                .idleTimeout(Duration.ofSeconds(3))
                .build();

    Path reference = dir.resolve("uninterrupted");
    TrainResult uninterrupted = new TrainerService().run(config.apply(reference));
    Path stopped = dir.resolve("stopped");
    TrainResult first = runStoppingAt(config.apply(stopped), 2);
    // The checkpoint of the stop holds two whole steps: 16 examples, nothing of a third.
    CheckpointManifest atStop = store(stopped).latest().orElseThrow().manifest();
    TrainResult rest = new TrainerService().run(config.apply(stopped));

    assertThat(uninterrupted.step()).isEqualTo(5);
    assertThat(uninterrupted.examples()).isEqualTo(40);
    List<LedgerEntry> expected = Journals.readLedger(reference);
    assertThat(expected).extracting(LedgerEntry::examples).containsOnly(8);
    assertEachOffsetOnce(expected, Map.of(0, 20L, 1, 20L));
    assertThat(first.step()).isEqualTo(2);
    assertThat(atStop.examples()).isEqualTo(16);
    assertThat(atStop.input().nextOffsets()).isEqualTo(Map.of(0, 8L, 1, 8L));
    assertThat(rest.step()).isEqualTo(5);
    assertSameLedger(Journals.readLedger(stopped), expected);
  }

  @Test
  void shouldStopAtTheTimeBudgetAndResumeTheSameScheduleFromTheCheckpointedTime() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "budget", 2);
    Path vocab = TestExamples.writeVocab(dir);
    TestRuns.produce(connection, connection.topics().examples(), examples(vocab, 400), 2);
    Path checkpoints = dir.resolve("ckpt");
    TrainerConfig.Builder config =
        TestRuns.config(connection, vocab, checkpoints, 0)
            .batchSize(2)
            .checkpointEvery(0)
            .idleTimeout(null)
            .evalEvery(1000)
            .timeBudget(Duration.ofSeconds(6));

    // Stopped before the budget once the schedule has an estimate (after step 20), resumed.
    TrainResult stopped = runStoppingAt(config.build(), 25);
    CheckpointManifest atStop = store(checkpoints).latest().orElseThrow().manifest();
    TrainResult resumed = new TrainerService().run(config.build());
    TrainResult spent = new TrainerService().run(config.build());
    TestRuns.produce(connection, connection.topics().examples(), examples(vocab, 200), 2);
    TrainResult longer = new TrainerService().run(config.timeBudget(Duration.ofSeconds(8)).build());

    assertThat(stopped.trainingTime()).isLessThan(Duration.ofSeconds(6));
    assertThat(atStop.trainingMs())
        .isPositive()
        .isLessThanOrEqualTo(stopped.trainingTime().toMillis());
    assertThat(atStop.timeBudgetMs()).isEqualTo(6000);
    assertThat(atStop.estimatedLastStep()).isGreaterThan(25);
    assertThat(resumed.reason()).isEqualTo(TrainResult.StopReason.TIME_BUDGET);
    assertThat(resumed.trainingTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
    assertThat(spent.reason()).isEqualTo(TrainResult.StopReason.TIME_BUDGET);
    assertThat(spent.stepsThisRun()).isZero();
    assertThat(longer.reason()).isEqualTo(TrainResult.StopReason.TIME_BUDGET);
    assertThat(longer.step()).isGreaterThan(resumed.step());
    assertThat(longer.trainingTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(8));

    List<LedgerEntry> ledger = Journals.readLedger(checkpoints);
    double peak = TestRuns.OPTIMIZATION.learningRate();
    // The resumed run's first step follows the checkpointed estimate of the same budget.
    BudgetedSchedule schedule =
        (BudgetedSchedule)
            Schedules.of(
                TestRuns.OPTIMIZATION.schedule(),
                peak,
                TestRuns.OPTIMIZATION.warmupSteps(),
                0,
                true);
    schedule.estimate(atStop.estimatedLastStep());
    assertThat(ledger.get(25).learningRate()).isEqualTo(schedule.at(26));
    assertThat(ledger.get((int) resumed.step() - 1).learningRate())
        .as("the decay has begun")
        .isLessThan(peak);
    // A longer budget does not keep the spent one's end: its first step still learns.
    assertThat(ledger.get((int) resumed.step()).learningRate()).isPositive();
    // Each run that spent its budget was evaluated at its last step.
    assertThat(Journals.readEvaluations(checkpoints))
        .extracting(EvalEntry::step)
        .containsExactly(resumed.step(), longer.step());
  }

  @Test
  void shouldKeepTheFixedEvalSetAcrossRestartsAndGrowItOnlyWhenAsked() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "eval-set", 2);
    Path vocab = TestExamples.writeVocab(dir);
    String eval = connection.topics().examplesEval();
    TestRuns.produce(connection, connection.topics().examples(), examples(vocab, 40), 2);
    TestRuns.produce(connection, eval, examples(vocab, 6), 2);
    Path checkpoints = dir.resolve("ckpt");
    TrainerConfig.Builder config =
        TestRuns.config(connection, vocab, checkpoints, 2).evalEvery(2).evalExamples(4);

    new TrainerService().run(config.build());
    Map<Integer, OffsetRange> chosen = evalSet(checkpoints);
    TestRuns.produce(connection, eval, examples(vocab, 6), 2);
    new TrainerService().run(config.maxSteps(4).evalExamples(8).build());
    Map<Integer, OffsetRange> kept = evalSet(checkpoints);
    new TrainerService().run(config.maxSteps(6).growEvalSet(true).build());
    Map<Integer, OffsetRange> grown = evalSet(checkpoints);

    assertThat(chosen)
        .isEqualTo(new TreeMap<>(Map.of(0, new OffsetRange(0, 1), 1, new OffsetRange(0, 1))));
    assertThat(kept).isEqualTo(chosen);
    assertThat(grown)
        .isEqualTo(new TreeMap<>(Map.of(0, new OffsetRange(0, 3), 1, new OffsetRange(0, 3))));
    List<EvalEntry> evaluations = Journals.readEvaluations(checkpoints);
    assertThat(evaluations).extracting(EvalEntry::step).containsExactly(2L, 4L, 6L);
    assertThat(evaluations)
        .extracting(entry -> entry.scores().orElseThrow().examples())
        .containsExactly(4L, 4L, 8L);
  }

  /** The fixed evaluation set's ranges in the newest checkpoint. */
  private static Map<Integer, OffsetRange> evalSet(Path checkpoints) throws IOException {
    return store(checkpoints).latest().orElseThrow().manifest().evalSet();
  }

  /** Runs {@code config}, asking the run to stop once step {@code step} is trained. */
  private static TrainResult runStoppingAt(TrainerConfig config, long step) throws Exception {
    TrainerService service = new TrainerService();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void stepTrained(long trained) {
            if (trained == step) {
              service.stop();
            }
          }
        };
    TrainResult result = service.run(config, listener);
    assertThat(result.reason()).isEqualTo(TrainResult.StopReason.STOPPED);
    return result;
  }

  private static void assertSameLedger(List<LedgerEntry> actual, List<LedgerEntry> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      LedgerEntry a = actual.get(i);
      LedgerEntry e = expected.get(i);
      assertThat(a.step()).isEqualTo(e.step());
      assertThat(a.pass()).as("pass of step %d", e.step()).isEqualTo(e.pass());
      assertThat(a.offsets()).as("offsets of step %d", e.step()).isEqualTo(e.offsets());
      assertThat(a.examples()).isEqualTo(e.examples());
      assertThat(a.learningRate()).isEqualTo(e.learningRate());
      assertThat(a.loss()).as("loss of step %d", e.step()).isCloseTo(e.loss(), within(1e-5));
    }
  }

  /**
   * Per partition the ranges follow each other from 0 without gap or overlap, up to {@code end}.
   */
  private static void assertEachOffsetOnce(List<LedgerEntry> ledger, Map<Integer, Long> end) {
    Map<Integer, Long> next = new HashMap<>();
    for (LedgerEntry entry : ledger) {
      entry
          .offsets()
          .forEach(
              (partition, range) -> {
                assertThat(range.first())
                    .as("partition %d at step %d", partition, entry.step())
                    .isEqualTo(next.getOrDefault(partition, 0L));
                next.put(partition, range.last() + 1);
              });
    }
    assertThat(next).isEqualTo(end);
  }

  private static List<LedgerEntry> passOf(List<LedgerEntry> ledger, int pass) {
    return ledger.stream().filter(entry -> entry.pass() == pass).toList();
  }

  private static CheckpointStore store(Path checkpoints) {
    return new CheckpointStore(checkpoints, 3);
  }

  private static List<PretrainingExample> examples(Path vocab, int count) throws IOException {
    String fingerprint;
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      fingerprint = tokenizer.fingerprint();
    }
    List<PretrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      examples.add(TestExamples.example(fingerprint, TestRuns.SEED, i));
    }
    return examples;
  }
}
