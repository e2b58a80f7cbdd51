package io.bertstream.trainer.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.input.OffsetRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

  @Test
  void shouldLetALineThatIsNotAfterItsPredecessorSupersedeTheLinesFromItsStepOn() {
    // Steps 1-6 of a killed run, then a run resumed from the checkpoint of step 4.
    List<LedgerEntry> ledger =
        List.of(
            ledger(1, 9.0),
            ledger(2, 8.0),
            ledger(3, 7.0),
            ledger(4, 6.0),
            ledger(5, 5.5),
            ledger(6, 5.4),
            ledger(5, 5.0),
            ledger(6, 4.9),
            ledger(7, 4.8));

    RunHistory history = RunHistory.of(ledger, List.of(), List.of(), List.of());

    assertThat(history.steps())
        .extracting(TrainPoint::step)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(history.steps())
        .extracting(TrainPoint::loss)
        .containsExactly(9.0, 8.0, 7.0, 6.0, 5.0, 4.9, 4.8);
  }

  @Test
  void shouldJoinEachStepWithItsFiguresWhereTheyWereJournaled() {
    RunHistory history =
        RunHistory.of(
            List.of(ledger(1, 9.0), ledger(2, 8.0), ledger(3, 7.0)),
            List.of(figures(2, 1000), figures(3, 2000)),
            List.of(),
            List.of());

    assertThat(history.steps().get(0).figures()).isEmpty();
    assertThat(history.figuresAt(3)).map(StepFigures::trainingMs).contains(2000L);
    assertThat(history.figuresAt(1)).isEmpty();
    assertThat(history.figuresAt(4)).isEmpty();
  }

  @Test
  void shouldKeepEachCheckpointAndEvaluationOnceAndFindTheNewestProbes() {
    EvalEntry withProbes =
        new EvalEntry(
            2, Optional.of(new EvalScores(6.0, 0.1, 0.5, 5)), Map.of("a [MASK]", List.of()));
    EvalEntry without = new EvalEntry(4, Optional.of(new EvalScores(5.0, 0.2, 0.6, 5)), Map.of());
    RunHistory history =
        RunHistory.of(
            List.of(ledger(1, 9.0)),
            List.of(),
            List.of(withProbes, without),
            List.of(mark(4), mark(8), mark(8)));

    assertThat(history.checkpoints()).extracting(CheckpointMark::step).containsExactly(4L, 8L);
    assertThat(history.latestProbes()).contains(withProbes);
    RunSummary summary = RunSummary.of(history, Optional.empty());
    assertThat(summary.lastEvaluation()).contains(without);
    assertThat(summary.bestEvaluation()).contains(without);
    assertThat(summary.checkpoints()).isEqualTo(2);
  }

  static LedgerEntry ledger(long step, double loss) {
    return new LedgerEntry(step, new TreeMap<>(Map.of(0, new OffsetRange(step, step))), 1, loss);
  }

  static StepFigures figures(long step, long trainingMs) {
    return new StepFigures(
        step,
        5,
        0.7,
        0.1,
        0.5,
        1.2,
        step * 100,
        500,
        0.1,
        10,
        trainingMs,
        1_700_000_000_000L + trainingMs);
  }

  static CheckpointMark mark(long step) {
    return new CheckpointMark(step, "step-" + step, 1_700_000_000_000L + step);
  }
}
