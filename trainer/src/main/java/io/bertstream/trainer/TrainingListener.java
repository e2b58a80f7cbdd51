package io.bertstream.trainer;

import io.bertstream.trainer.checkpoint.CheckpointListener;

/**
 * Observes a run: each trained step, its report, and the points of the checkpoint protocol; the
 * default does nothing. Tests use it to stop or kill a run at an exact point, the quickstart to
 * show its progress line.
 */
public interface TrainingListener extends CheckpointListener {

  /** A step was trained and logged to the ledger, before any checkpoint of it. */
  default void stepTrained(long step) {}

  /**
   * After each step, its evaluation and checkpoint if it had them: the figures a progress display
   * shows. Called on the training thread; keep it quick.
   */
  default void stepReported(StepReport report) {}

  TrainingListener NONE = new TrainingListener() {};
}
