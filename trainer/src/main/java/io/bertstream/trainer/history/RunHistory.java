package io.bertstream.trainer.history;

import io.bertstream.trainer.checkpoint.JournalEntry;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StepJournal;
import io.bertstream.trainer.evaluation.EvalEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's history as its checkpoint directory's journals tell it, every run on that directory
 * included: the trained steps, the evaluations (with the probes' predictions) and the checkpoints.
 * The dashboard and {@code bertstream report} draw it.
 *
 * <p>One rule makes it one continuous history across restarts, the rule TensorBoard applies to a
 * session start: a line whose step is not after the line before it starts the history again from
 * that step, superseding the earlier lines of that step and later. A resumed run cuts its journals
 * back to its checkpoint when it opens them, so the files hold no such line; the rule keeps the
 * history right for any file that does. Lines logged after the last checkpoint of a killed run stay
 * until a run resumes and replaces them, as in TensorBoard.
 *
 * @param steps each trained step once, in order
 * @param evaluations each evaluation once, in order
 * @param checkpoints each checkpoint written once, in order (pruned ones included)
 */
public record RunHistory(
    List<TrainPoint> steps, List<EvalEntry> evaluations, List<CheckpointMark> checkpoints) {

  public RunHistory {
    steps = List.copyOf(steps);
    evaluations = List.copyOf(evaluations);
    checkpoints = List.copyOf(checkpoints);
  }

  /** The history of the journals in {@code checkpointDir}; empty where there are none. */
  public static RunHistory read(Path checkpointDir) throws IOException {
    return of(
        StepJournal.read(checkpointDir.resolve(LedgerEntry.FILE), LedgerEntry.class),
        StepJournal.read(checkpointDir.resolve(StepFigures.FILE), StepFigures.class),
        StepJournal.read(checkpointDir.resolve(EvalEntry.FILE), EvalEntry.class),
        StepJournal.read(checkpointDir.resolve(CheckpointMark.FILE), CheckpointMark.class));
  }

  /** The history of these journal lines, each list in file order. */
  public static RunHistory of(
      List<LedgerEntry> ledger,
      List<StepFigures> figures,
      List<EvalEntry> evaluations,
      List<CheckpointMark> checkpoints) {
    Map<Long, StepFigures> figuresByStep = new HashMap<>();
    for (StepFigures line : continuous(figures)) {
      figuresByStep.put(line.step(), line);
    }
    List<TrainPoint> steps = new ArrayList<>();
    for (LedgerEntry line : continuous(ledger)) {
      steps.add(new TrainPoint(line, Optional.ofNullable(figuresByStep.get(line.step()))));
    }
    return new RunHistory(steps, continuous(evaluations), continuous(checkpoints));
  }

  /** No step, evaluation or checkpoint yet. */
  public boolean isEmpty() {
    return steps.isEmpty() && evaluations.isEmpty() && checkpoints.isEmpty();
  }

  /** The newest step, if any. */
  public Optional<TrainPoint> last() {
    return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
  }

  /** The newest evaluation that predicted the probes, if any. */
  public Optional<EvalEntry> latestProbes() {
    for (int i = evaluations.size() - 1; i >= 0; i--) {
      if (!evaluations.get(i).probes().isEmpty()) {
        return Optional.of(evaluations.get(i));
      }
    }
    return Optional.empty();
  }

  /** The figures journaled for {@code step}, if any. */
  public Optional<StepFigures> figuresAt(long step) {
    int low = 0;
    int high = steps.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      long found = steps.get(middle).step();
      if (found == step) {
        return steps.get(middle).figures();
      }
      if (found < step) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return Optional.empty();
  }

  /** {@code lines} with the restart rule applied: a step not after its predecessor supersedes. */
  static <E extends JournalEntry> List<E> continuous(List<E> lines) {
    List<E> kept = new ArrayList<>(lines.size());
    for (E line : lines) {
      while (!kept.isEmpty() && kept.get(kept.size() - 1).step() >= line.step()) {
        kept.remove(kept.size() - 1);
      }
      kept.add(line);
    }
    return kept;
  }
}
