package io.bertstream.trainer.optim;

import io.bertstream.trainer.optim.LearningRateSchedule.Decay;

/**
 * Warm-up, then linear or cosine decay that ends where a time budget is estimated to run out: at
 * {@link #lastStep()}, which the run re-estimates from its measured step time ({@link
 * TrainingTime}). Until the first estimate no end is known and the rate stays at the end of warm-up
 * (or follows {@code maxSteps} when that bounds the run too); the decay ends at the sooner of the
 * two.
 *
 * <p>Between two estimates the rate is a function of the step and the estimate, and the estimate is
 * checkpointed, so a resumed run continues the same schedule from the same position. The estimates
 * come from wall time: unlike a step-bounded {@link LearningRateSchedule}, the rates after the next
 * estimate are not bit for bit those an uninterrupted run would have used. Not thread safe: the
 * training thread sets and reads it.
 */
public final class BudgetedSchedule implements LearningRate {

  private final double peak;
  private final int warmupSteps;
  private final long maxSteps;
  private final Decay decay;
  private final boolean shortenWarmup;
  private long lastStep;
  private LearningRateSchedule current;

  /**
   * @param maxSteps a step bound as well, 0 for none
   * @param decay {@link Decay#LINEAR} or {@link Decay#COSINE}
   * @param shortenWarmup warm up for a tenth of the run when the estimated run is shorter than the
   *     warm-up ({@code auto}, as {@link Schedules#of} does for a short step-bounded run)
   */
  public BudgetedSchedule(
      double peak, int warmupSteps, long maxSteps, Decay decay, boolean shortenWarmup) {
    if (!decay.hasEnd()) {
      throw new IllegalArgumentException("a time budget ends linear or cosine decay, not " + decay);
    }
    this.peak = peak;
    this.warmupSteps = warmupSteps;
    this.maxSteps = maxSteps;
    this.decay = decay;
    this.shortenWarmup = shortenWarmup;
    this.current = schedule(0);
  }

  /** Moves the decay's end to {@code last}, the step at which the budget is estimated to end. */
  public void estimate(long last) {
    if (last < 1) {
      throw new IllegalArgumentException("the last step must be >= 1, got " + last);
    }
    lastStep = last;
    current = schedule(last);
  }

  /** The estimated last step, 0 before the first estimate. */
  public long lastStep() {
    return lastStep;
  }

  /** The schedule in force: what {@link #at} follows until the next estimate. */
  public LearningRateSchedule current() {
    return current;
  }

  @Override
  public double at(long t) {
    return current.at(t);
  }

  private LearningRateSchedule schedule(long estimated) {
    long end = estimated;
    if (maxSteps > 0) {
      end = end == 0 ? maxSteps : Math.min(end, maxSteps);
    }
    if (end == 0) {
      return new LearningRateSchedule(peak, warmupSteps, 0, Decay.CONSTANT);
    }
    int warmup = warmupSteps;
    if (shortenWarmup && warmup >= end) {
      warmup = (int) (end / 10);
    }
    return new LearningRateSchedule(peak, warmup, Math.max(end, warmup + 1L), decay);
  }
}
