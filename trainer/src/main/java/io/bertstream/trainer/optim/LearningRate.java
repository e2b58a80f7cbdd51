package io.bertstream.trainer.optim;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate of each update, as {@link AdamW} and the progress lines read it: a fixed {@link
 * LearningRateSchedule}, or a {@link BudgetedSchedule} whose end follows a time budget.
 */
public interface LearningRate extends Tracker {

  /** The learning rate of update {@code t} (1-based). */
  double at(long t);

  @Override
  default float getNewValue(int numUpdate) {
    return (float) at(numUpdate);
  }
}
