package io.bertstream.trainer.history;

import io.bertstream.trainer.checkpoint.LedgerEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * One trained step of a run's history: its ledger line and, where the run journaled them, its
 * figures (absent for steps of runs that predate {@code steps.jsonl}).
 *
 * @param ledger the step's line of {@code ledger.jsonl}
 * @param figures the step's line of {@code steps.jsonl}
 */
public record TrainPoint(LedgerEntry ledger, Optional<StepFigures> figures) {

  public TrainPoint {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(figures, "figures");
  }

  public long step() {
    return ledger.step();
  }

  /** The step's total loss (masked LM + next sentence). */
  public double loss() {
    return ledger.loss();
  }
}
