package io.bertstream.trainer;

import io.bertstream.trainer.checkpoint.CheckpointListener;

/**
 * Observes a run: each trained step and the points of the checkpoint protocol; the default does
 * nothing. Tests use it to stop or kill a run at an exact point.
 */
public interface TrainingListener extends CheckpointListener {

  /** A step was trained and logged to the ledger, before any checkpoint of it. */
  default void stepTrained(long step) {}

  TrainingListener NONE = new TrainingListener() {};
}
