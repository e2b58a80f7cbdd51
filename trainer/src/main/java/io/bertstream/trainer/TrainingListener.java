package io.bertstream.trainer;

import io.bertstream.trainer.checkpoint.CheckpointListener;
import io.bertstream.trainer.evaluation.EvalEntry;

/**
 * Observes a run: each trained step, each progress line's figures, each evaluation and the points
 * of the checkpoint protocol; the default does nothing. Every call comes from the training loop's
 * thread, between steps. Tests use it to stop or kill a run at an exact point; the TensorBoard log
 * writes what it is told here, the quickstart's progress line shows each status.
 */
public interface TrainingListener extends CheckpointListener {

  /** A step was trained and logged to the ledger, before any checkpoint of it. */
  default void stepTrained(long step) {}

  /** Every {@code --progress-every} steps, after the step and its progress line. */
  default void progressReported(StepReport report) {}

  /** An evaluation was journaled, after its step and before any checkpoint of that step. */
  default void evaluated(EvalEntry entry) {}

  /**
   * After each step, its evaluation and checkpoint if it had them: the figures a progress display
   * shows. Called on the training thread; keep it quick.
   */
  default void statusReported(RunStatus status) {}

  TrainingListener NONE = new TrainingListener() {};
}
