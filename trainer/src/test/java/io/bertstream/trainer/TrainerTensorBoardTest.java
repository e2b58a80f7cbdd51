package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.history.CheckpointMark;
import io.bertstream.trainer.history.RunHistory;
import io.bertstream.trainer.history.TrainPoint;
import io.bertstream.trainer.tensorboard.EventFiles;
import io.bertstream.trainer.tensorboard.proto.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a real run writes to its TensorBoard log, and how a resumed run continues it. */
class TrainerTensorBoardTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final List<String> TRAIN_TAGS =
      List.of(
          "train/loss",
          "train/mlm_loss",
          "train/nsp_loss",
          "train/mlm_accuracy",
          "train/nsp_accuracy",
          "train/learning_rate",
          "train/grad_norm",
          "train/tokens_per_second",
          "train/input_wait_share",
          "train/consumer_lag");

  @TempDir Path dir;

  @Test
  void shouldLogTheTrainingScalarsEvaluationsAndProbesOfARunInCheckpointDirRuns() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "tb-run", 2);
    Path vocab = TestExamples.writeVocab(dir);
    String tokenizerId = TestRuns.fingerprint(vocab);
    TestRuns.produce(
        connection, connection.topics().examples(), TestRuns.examples(tokenizerId, 12), 2);
    TestRuns.produce(
        connection, connection.topics().examplesEval(), TestRuns.examples(tokenizerId, 6), 2);
    Path checkpointDir = dir.resolve("ckpt");

    new TrainerService()
        .run(
            TestRuns.config(connection, vocab, checkpointDir, 3)
                .progressEvery(1)
                .evalEvery(1)
                .evalExamples(5)
                .probes(List.of("aa ab [MASK] ac"))
                .build());

    List<Path> files = EventFiles.list(checkpointDir.resolve("runs"));
    assertThat(files).hasSize(1);
    List<Event> events = EventFiles.read(files.get(0));
    assertThat(EventFiles.starts(events)).containsExactly(1L);
    Map<String, List<EventFiles.Point>> scalars = EventFiles.scalars(events);
    assertThat(scalars).containsKeys(TRAIN_TAGS.toArray(String[]::new));
    for (String tag : TRAIN_TAGS) {
      assertThat(steps(scalars.get(tag))).as(tag).containsExactly(1L, 2L, 3L);
    }
    List<LedgerEntry> ledger = Journals.readLedger(checkpointDir);
    assertThat(values(scalars.get("train/loss")))
        .containsExactlyElementsOf(ledger.stream().map(e -> (float) e.loss()).toList());
    assertThat(values(scalars.get("train/learning_rate")))
        .containsExactlyElementsOf(
            ledger.stream().map(e -> (float) e.learningRate().doubleValue()).toList());
    assertThat(values(scalars.get("train/grad_norm")))
        .allSatisfy(norm -> assertThat(norm).isPositive().isFinite());

    // The evaluations with fixed-set scores, exactly as metrics.jsonl records them.
    List<EvalEntry> evaluations = Journals.readEvaluations(checkpointDir);
    List<Long> scored =
        evaluations.stream().filter(e -> e.scores().isPresent()).map(EvalEntry::step).toList();
    assertThat(scored).isNotEmpty();
    for (String tag : List.of("eval/mlm_loss", "eval/mlm_accuracy", "eval/nsp_accuracy")) {
      assertThat(steps(scalars.get(tag))).as(tag).containsExactlyElementsOf(scored);
    }
    List<EventFiles.Text> probes = EventFiles.texts(events).get("probes/aa ab [MASK] ac");
    assertThat(probes)
        .extracting(EventFiles.Text::step)
        .containsExactlyElementsOf(evaluations.stream().map(EvalEntry::step).toList());
    assertThat(probes).allSatisfy(p -> assertThat(p.text()).startsWith("1. ").contains("("));
  }

  @Test
  void shouldContinueOneCurveFromTheCheckpointWhenAKilledRunIsResumed() throws Exception {
    KafkaConnection connection = TestRuns.connect(STACK, "tb-resume", 2);
    Path vocab = TestExamples.writeVocab(dir);
    TestRuns.produce(
        connection,
        connection.topics().examples(),
        TestRuns.examples(TestRuns.fingerprint(vocab), 32),
        2);
    Path checkpointDir = dir.resolve("ckpt");
    // Checkpoints every 4 steps; the first run dies after logging step 6, without a checkpoint
    // of steps 5 and 6, which are in its event file all the same.
    TrainingListener dieAfterStep6 =
        new TrainingListener() {
          @Override
          public void progressReported(StepReport report) {
            if (report.step() == 6) {
              throw new SimulatedCrash();
            }
          }
        };

    assertThatThrownBy(
            () ->
                new TrainerService()
                    .run(
                        TestRuns.config(connection, vocab, checkpointDir, 0)
                            .progressEvery(1)
                            .build(),
                        dieAfterStep6))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(new CheckpointStore(checkpointDir, 3).latest().orElseThrow().step()).isEqualTo(4);
    assertThat(RunHistory.read(checkpointDir).steps())
        .as("the history of a killed run, as TensorBoard shows it")
        .extracting(TrainPoint::step)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    TrainResult resumed =
        new TrainerService()
            .run(TestRuns.config(connection, vocab, checkpointDir, 8).progressEvery(1).build());

    assertThat(resumed.stepsThisRun()).isEqualTo(4);
    List<Path> files = EventFiles.list(checkpointDir.resolve("runs"));
    assertThat(files).hasSize(2);
    List<Event> killed = EventFiles.read(files.get(0));
    List<Event> restarted = EventFiles.read(files.get(1));
    assertThat(EventFiles.starts(killed)).containsExactly(1L);
    assertThat(steps(EventFiles.scalars(killed).get("train/loss")))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(EventFiles.starts(restarted)).as("the resumed step").containsExactly(5L);
    assertThat(steps(EventFiles.scalars(restarted).get("train/loss")))
        .containsExactly(5L, 6L, 7L, 8L);
    Map<String, List<EventFiles.Point>> shown = EventFiles.shown(checkpointDir.resolve("runs"));
    for (String tag : TRAIN_TAGS) {
      assertThat(steps(shown.get(tag)))
          .as(tag + ": each step once")
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
    }
    assertThat(values(shown.get("train/loss")))
        .containsExactlyElementsOf(
            Journals.readLedger(checkpointDir).stream().map(e -> (float) e.loss()).toList());

    // The dashboard's and the report's history: the same curve, each step once, with its figures.
    RunHistory history = RunHistory.read(checkpointDir);
    assertThat(history.steps())
        .extracting(p -> (float) p.loss())
        .containsExactlyElementsOf(values(shown.get("train/loss")));
    assertThat(history.steps())
        .extracting(p -> (float) p.figures().orElseThrow().mlmLoss())
        .containsExactlyElementsOf(values(shown.get("train/mlm_loss")));
    assertThat(history.steps())
        .extracting(p -> p.figures().orElseThrow().trainingMs())
        .as("training time never goes back across the restart")
        .isSorted();
    assertThat(history.checkpoints()).extracting(CheckpointMark::step).containsExactly(4L, 8L);
  }

  /** Stands in for a kill: no final checkpoint is written. */
  private static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash after step 6");
    }
  }

  private static List<Long> steps(List<EventFiles.Point> points) {
    return points.stream().map(EventFiles.Point::step).toList();
  }

  private static List<Float> values(List<EventFiles.Point> points) {
    return points.stream().map(EventFiles.Point::value).toList();
  }
}
