package io.bertstream.trainer.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.bertstream.trainer.StepReport;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.model.StepOutcome;
import io.bertstream.trainer.tensorboard.proto.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardListenerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000, 500_000_000), ZoneOffset.UTC);
  private static final double NOW = 1_700_000_000.5;

  @TempDir Path dir;

  @Test
  void shouldOpenWithTheFileVersionAndASessionStartAtTheRunsFirstStep() throws IOException {
    try (TensorBoardListener listener = TensorBoardListener.open(dir, 41, CLOCK)) {
      List<Event> events = EventFiles.read(listener.file());

      assertThat(events).hasSize(2);
      assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
      assertThat(events.get(0).getSourceMetadata().getWriter()).isEqualTo("bertstream trainer");
      assertThat(events.get(0).getWallTime()).isEqualTo(NOW);
      assertThat(EventFiles.starts(events)).containsExactly(41L);
    }
  }

  @Test
  void shouldWriteEveryTrainingFigureUnderItsTagAndHaveItOnDiskBeforeACheckpoint()
      throws IOException {
    StepOutcome outcome = new StepOutcome(7.5, 6.75, 0.75, 0.125, 0.5, 2.25);
    StepReport report = new StepReport(12, outcome, 1e-4, 5120, 40, 0.25, 96, 3);

    try (TensorBoardListener listener = TensorBoardListener.open(dir, 1, CLOCK)) {
      listener.progressReported(report);
      listener.checkpointStarting(12);

      // Read while the file is open: what a kill right now would leave.
      Map<String, List<EventFiles.Point>> scalars =
          EventFiles.scalars(EventFiles.read(listener.file()));
      assertThat(scalars)
          .containsOnlyKeys(
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
      assertThat(scalars.values()).allSatisfy(points -> assertThat(points).hasSize(1));
      assertThat(scalars.values())
          .allSatisfy(
              points ->
                  assertThat(points.get(0))
                      .extracting(EventFiles.Point::step, EventFiles.Point::wallTime)
                      .containsExactly(12L, NOW));
      assertThat(value(scalars, "train/loss")).isEqualTo(7.5f);
      assertThat(value(scalars, "train/mlm_loss")).isEqualTo(6.75f);
      assertThat(value(scalars, "train/nsp_loss")).isEqualTo(0.75f);
      assertThat(value(scalars, "train/mlm_accuracy")).isEqualTo(0.125f);
      assertThat(value(scalars, "train/nsp_accuracy")).isEqualTo(0.5f);
      assertThat(value(scalars, "train/learning_rate")).isEqualTo((float) 1e-4);
      assertThat(value(scalars, "train/grad_norm")).isEqualTo(2.25f);
      assertThat(value(scalars, "train/tokens_per_second")).isEqualTo(5120f);
      assertThat(value(scalars, "train/input_wait_share")).isEqualTo(0.25f);
      assertThat(value(scalars, "train/consumer_lag")).isEqualTo(96f);
    }
  }

  @Test
  void shouldWriteBothEvaluationSetsScoresAndEachProbesGuessesAsText() throws IOException {
    EvalEntry entry =
        new EvalEntry(
            20,
            Optional.of(new EvalScores(6.5, 0.25, 0.75, 256)),
            Optional.of(new EvalScores(6.0, 0.125, 0.5, 16)),
            Map.of(
                "the [MASK] of the union",
                List.of(
                    List.of(new FillMask.Guess("state", 0.21f), new FillMask.Guess("na", 0.1f)),
                    List.of(new FillMask.Guess("##tion", 0.5f)))));

    Path file;
    try (TensorBoardListener listener = TensorBoardListener.open(dir, 1, CLOCK)) {
      listener.evaluated(entry);
      file = listener.file();
    }

    List<Event> events = EventFiles.read(file);
    Map<String, List<EventFiles.Point>> scalars = EventFiles.scalars(events);
    assertThat(scalars)
        .containsOnlyKeys(
            "eval/mlm_loss",
            "eval/mlm_accuracy",
            "eval/nsp_accuracy",
            "eval_recent/mlm_loss",
            "eval_recent/mlm_accuracy",
            "eval_recent/nsp_accuracy");
    assertThat(value(scalars, "eval/mlm_loss")).isEqualTo(6.5f);
    assertThat(value(scalars, "eval/mlm_accuracy")).isEqualTo(0.25f);
    assertThat(value(scalars, "eval/nsp_accuracy")).isEqualTo(0.75f);
    assertThat(value(scalars, "eval_recent/mlm_loss")).isEqualTo(6.0f);
    assertThat(scalars.get("eval/mlm_loss").get(0).step()).isEqualTo(20);
    assertThat(EventFiles.texts(events))
        .containsExactly(
            Map.entry(
                "probes/the [MASK] of the union",
                List.of(
                    new EventFiles.Text(20, "1. state (0.210), na (0.100)\n2. ##tion (0.500)\n"))));
  }

  @Test
  void shouldWriteOnlyTheScoresAnEvaluationHas() throws IOException {
    Path file;
    try (TensorBoardListener listener = TensorBoardListener.open(dir, 1, CLOCK)) {
      listener.evaluated(new EvalEntry(5, Optional.empty(), Map.of()));
      file = listener.file();
    }

    assertThat(EventFiles.read(file)).hasSize(2); // file version and start only
  }

  @Test
  void shouldEscapeMarkdownInAProbesTokens() {
    String text =
        TensorBoardListener.probeText(
            List.of(List.of(new FillMask.Guess("*", 0.5f), new FillMask.Guess("a_b", 0.25f))));

    assertThat(text).isEqualTo("1. \\* (0.500), a\\_b (0.250)\n");
  }

  @Test
  void shouldStartANewFileForEachRunSortedAfterTheEarlierOnes() throws IOException {
    Path first;
    Path second;
    try (TensorBoardListener listener = TensorBoardListener.open(dir, 1, CLOCK)) {
      first = listener.file();
    }
    try (TensorBoardListener listener = TensorBoardListener.open(dir, 9, CLOCK)) {
      second = listener.file();
    }

    assertThat(EventFiles.list(dir)).containsExactly(first, second);
    assertThat(EventFiles.starts(EventFiles.read(first))).containsExactly(1L);
    assertThat(EventFiles.starts(EventFiles.read(second))).containsExactly(9L);
  }

  @Test
  void shouldShowOneContinuousCurveWhenARestartSupersedesStepsAfterTheCheckpoint()
      throws IOException {
    // A run logs steps 1 to 6 and is killed; its checkpoint is at step 4, so the next run starts
    // at 5 and logs 5 to 7 again, with other values.
    try (TensorBoardListener killed = TensorBoardListener.open(dir, 1, CLOCK)) {
      for (long step = 1; step <= 6; step++) {
        killed.progressReported(report(step, step));
      }
    }
    try (TensorBoardListener resumed = TensorBoardListener.open(dir, 5, CLOCK)) {
      for (long step = 5; step <= 7; step++) {
        resumed.progressReported(report(step, 100 + step));
      }
    }

    assertThat(EventFiles.shown(dir).get("train/loss"))
        .extracting(EventFiles.Point::step, EventFiles.Point::value)
        .containsExactly(
            tuple(1L, 1f),
            tuple(2L, 2f),
            tuple(3L, 3f),
            tuple(4L, 4f),
            tuple(5L, 105f),
            tuple(6L, 106f),
            tuple(7L, 107f));
  }

  private static StepReport report(long step, double loss) {
    return new StepReport(step, new StepOutcome(loss, 1, 1, 0, 0, 1), 1e-4, 1, 1, 0, 0, 0);
  }

  private static float value(Map<String, List<EventFiles.Point>> scalars, String tag) {
    return scalars.get(tag).get(0).value();
  }
}
