package io.bertstream.trainer;

import io.bertstream.trainer.checkpoint.Journal;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StepJournal;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.history.CheckpointMark;
import io.bertstream.trainer.history.StepFigures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's journals in its checkpoint directory, owned together: {@code ledger.jsonl} (a {@link
 * LedgerEntry} per step), {@code steps.jsonl} (the step's {@link StepFigures}: loss parts,
 * throughput, lag, time), {@code metrics.jsonl} (an {@link EvalEntry} per evaluation) and {@code
 * checkpoints.jsonl} (a {@link CheckpointMark} per checkpoint). Opening cuts each back to the step
 * the run resumes from; the checkpoint protocol syncs them before each checkpoint, so a checkpoint
 * never holds a step its ledger lacks. The run's history ({@link
 * io.bertstream.trainer.history.RunHistory}) is read from them.
 */
public final class Journals implements Journal, AutoCloseable {

  private final StepJournal<LedgerEntry> ledger;
  private final StepJournal<StepFigures> figures;
  private final StepJournal<EvalEntry> evaluations;
  private final StepJournal<CheckpointMark> checkpoints;

  private Journals(
      StepJournal<LedgerEntry> ledger,
      StepJournal<StepFigures> figures,
      StepJournal<EvalEntry> evaluations,
      StepJournal<CheckpointMark> checkpoints) {
    this.ledger = ledger;
    this.figures = figures;
    this.evaluations = evaluations;
    this.checkpoints = checkpoints;
  }

  /** Opens the journals of {@code checkpointDir}, without their lines after {@code step}. */
  public static Journals open(Path checkpointDir, long step) throws IOException {
    StepJournal<LedgerEntry> ledger = null;
    StepJournal<StepFigures> figures = null;
    StepJournal<EvalEntry> evaluations = null;
    try {
      ledger = StepJournal.open(checkpointDir.resolve(LedgerEntry.FILE), step);
      figures = StepJournal.open(checkpointDir.resolve(StepFigures.FILE), step);
      evaluations = StepJournal.open(checkpointDir.resolve(EvalEntry.FILE), step);
      return new Journals(
          ledger,
          figures,
          evaluations,
          StepJournal.open(checkpointDir.resolve(CheckpointMark.FILE), step));
    } catch (IOException | RuntimeException e) {
      for (StepJournal<?> opened : new StepJournal<?>[] {evaluations, figures, ledger}) {
        if (opened != null) {
          try {
            opened.close();
          } catch (IOException closing) {
            e.addSuppressed(closing);
          }
        }
      }
      throw e;
    }
  }

  /** Every step recorded in {@code checkpointDir}'s ledger, in order. */
  public static List<LedgerEntry> readLedger(Path checkpointDir) throws IOException {
    return StepJournal.read(checkpointDir.resolve(LedgerEntry.FILE), LedgerEntry.class);
  }

  /** Every evaluation recorded in {@code checkpointDir}, in order. */
  public static List<EvalEntry> readEvaluations(Path checkpointDir) throws IOException {
    return StepJournal.read(checkpointDir.resolve(EvalEntry.FILE), EvalEntry.class);
  }

  void trained(LedgerEntry entry, StepFigures stepFigures) throws IOException {
    ledger.append(entry);
    figures.append(stepFigures);
  }

  void evaluated(EvalEntry entry) throws IOException {
    evaluations.append(entry);
  }

  /** A checkpoint is complete: its mark is made durable at once (nothing else syncs it). */
  void checkpointed(CheckpointMark mark) throws IOException {
    checkpoints.append(mark);
    checkpoints.sync();
  }

  @Override
  public void sync() throws IOException {
    ledger.sync();
    figures.sync();
    evaluations.sync();
  }

  @Override
  public void close() throws IOException {
    try (checkpoints;
        evaluations;
        figures) {
      ledger.close();
    }
  }
}
