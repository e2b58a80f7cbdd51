package io.bertstream.trainer.optim;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A run's training time, counted across restarts: the time checkpointed before this run plus the
 * wall time of this run's loop (waiting for input, evaluations and checkpoints included: a budget
 * is wall time). With a time budget it also estimates the step at which the budget runs out, from
 * this run's mean step time since its first step (so model loading and the wait for the first batch
 * do not count), every {@link #ESTIMATE_EVERY} steps once this run has measured as many. Not thread
 * safe: the training thread owns it.
 */
public final class TrainingTime {

  /** Steps between two estimates of the last step, and the fewest measured before the first. */
  public static final int ESTIMATE_EVERY = 10;

  private final Duration before;
  private final Duration budget;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long firstStepNanos;
  private long stepsMeasured = -1;

  /**
   * Starts counting now.
   *
   * @param before training time of the earlier runs (from the checkpoint)
   * @param budget the whole run's budget, earlier runs included; null for none
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public TrainingTime(Duration before, Duration budget, LongSupplier nanoClock) {
    this.before = before;
    this.budget = budget;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Training time so far, earlier runs included. */
  public Duration elapsed() {
    return before.plusNanos(nanoClock.getAsLong() - startNanos);
  }

  /** Whether there is a budget and the training time has reached it. */
  public boolean budgetSpent() {
    return budget != null && elapsed().compareTo(budget) >= 0;
  }

  /** Notes that a step was taken now. */
  public void stepTaken() {
    if (stepsMeasured < 0) {
      firstStepNanos = nanoClock.getAsLong();
    }
    stepsMeasured++;
  }

  /**
   * A first estimate of the step at which the budget runs out, for a run resumed at {@code step}
   * without one that fits its budget: from the earlier runs' average step time (their training time
   * over their steps, so a little pessimistic: it includes their starts). Empty without a budget,
   * without earlier steps or once the budget is spent.
   */
  public OptionalLong lastStepAtEarlierPace(long step) {
    if (budget == null || step < 1 || before.isZero() || budgetSpent()) {
      return OptionalLong.empty();
    }
    double meanNanos = (double) before.toNanos() / step;
    long remainingNanos = budget.minus(elapsed()).toNanos();
    return OptionalLong.of(step + Math.max(1, (long) (remainingNanos / meanNanos)));
  }

  /**
   * The step at which the budget is estimated to run out, when one is due after {@code step}: there
   * is a budget, {@code step} is a multiple of {@link #ESTIMATE_EVERY} and this run has measured at
   * least that many steps since its first.
   */
  public OptionalLong lastStep(long step) {
    if (budget == null || stepsMeasured < ESTIMATE_EVERY || step % ESTIMATE_EVERY != 0) {
      return OptionalLong.empty();
    }
    double meanNanos = (double) (nanoClock.getAsLong() - firstStepNanos) / stepsMeasured;
    long remainingNanos = Math.max(0, budget.minus(elapsed()).toNanos());
    return OptionalLong.of(Math.max(1, step + (long) (remainingNanos / Math.max(1, meanNanos))));
  }
}
