package io.bertstream.trainer.history;

import io.bertstream.trainer.checkpoint.JournalTail;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.evaluation.EvalEntry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The history of a run in progress, read from its journals as they grow: each {@link #current()}
 * reads only what was appended since the call before, so the dashboard can poll a run of days. Safe
 * from any thread.
 */
public final class LiveHistory {

  private final JournalTail<LedgerEntry> ledger;
  private final JournalTail<StepFigures> figures;
  private final JournalTail<EvalEntry> evaluations;
  private final JournalTail<CheckpointMark> checkpoints;

  private LiveHistory(Path checkpointDir) {
    this.ledger = new JournalTail<>(checkpointDir.resolve(LedgerEntry.FILE), LedgerEntry.class);
    this.figures = new JournalTail<>(checkpointDir.resolve(StepFigures.FILE), StepFigures.class);
    this.evaluations = new JournalTail<>(checkpointDir.resolve(EvalEntry.FILE), EvalEntry.class);
    this.checkpoints =
        new JournalTail<>(checkpointDir.resolve(CheckpointMark.FILE), CheckpointMark.class);
  }

  /** Follows the journals of {@code checkpointDir}; nothing is read before the first call. */
  public static LiveHistory follow(Path checkpointDir) {
    return new LiveHistory(checkpointDir);
  }

  /** The history as the journals hold it now. */
  public RunHistory current() throws IOException {
    // Read one after the other while the run appends: a step's figures read before its ledger
    // line are joined at the next call, an evaluation may show one step ahead of the curve.
    return RunHistory.of(
        ledger.entries(), figures.entries(), evaluations.entries(), checkpoints.entries());
  }
}
