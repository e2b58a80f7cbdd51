package io.bertstream.trainer;

import io.bertstream.trainer.checkpoint.Journal;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StepJournal;
import io.bertstream.trainer.evaluation.EvalEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's two journals in its checkpoint directory, owned together: {@code ledger.jsonl} (a {@link
 * LedgerEntry} per step) and {@code metrics.jsonl} (an {@link EvalEntry} per evaluation). Opening
 * cuts both back to the step the run resumes from; the checkpoint protocol syncs both before each
 * checkpoint, so a checkpoint never holds a step its ledger lacks.
 */
public final class Journals implements Journal, AutoCloseable {

  private final StepJournal<LedgerEntry> ledger;
  private final StepJournal<EvalEntry> evaluations;

  private Journals(StepJournal<LedgerEntry> ledger, StepJournal<EvalEntry> evaluations) {
    this.ledger = ledger;
    this.evaluations = evaluations;
  }

  /** Opens both journals of {@code checkpointDir}, without their lines after {@code step}. */
  public static Journals open(Path checkpointDir, long step) throws IOException {
    StepJournal<LedgerEntry> ledger =
        StepJournal.open(checkpointDir.resolve(LedgerEntry.FILE), step);
    try {
      return new Journals(ledger, StepJournal.open(checkpointDir.resolve(EvalEntry.FILE), step));
    } catch (IOException | RuntimeException e) {
      ledger.close();
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

  void trained(LedgerEntry entry) throws IOException {
    ledger.append(entry);
  }

  void evaluated(EvalEntry entry) throws IOException {
    evaluations.append(entry);
  }

  @Override
  public void sync() throws IOException {
    ledger.sync();
    evaluations.sync();
  }

  @Override
  public void close() throws IOException {
    try (evaluations) {
      ledger.close();
    }
  }
}
