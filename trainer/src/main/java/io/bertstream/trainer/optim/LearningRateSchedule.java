package io.bertstream.trainer.optim;

import ai.djl.training.tracker.Tracker;
import java.util.Locale;

/**
 * Learning rate as a pure function of the update number {@code t} (1 for the first update), so a
 * resumed run continues exactly: linear warmup {@code peak·t/W} for {@code t ≤ W}, then
 *
 * <ul>
 *   <li>{@link Decay#LINEAR}: {@code peak·(N − t + 1)/(N − W)} down to {@code peak/(N − W)} at the
 *       last step {@code t = N}, 0 after it (needs {@code maxSteps N});
 *   <li>{@link Decay#CONSTANT}: {@code peak};
 *   <li>{@link Decay#INVERSE_SQRT}: {@code peak·√(max(W,1)/t)}.
 * </ul>
 *
 * @param peak the learning rate reached at the end of warmup
 * @param warmupSteps W, 0 for none
 * @param maxSteps N for linear decay, 0 when training is unbounded
 * @param decay what follows warmup
 */
public record LearningRateSchedule(double peak, int warmupSteps, long maxSteps, Decay decay)
    implements Tracker {

  /** What follows warmup. */
  public enum Decay {
    LINEAR,
    CONSTANT,
    INVERSE_SQRT
  }

  public LearningRateSchedule {
    if (!(peak >= 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("peak learning rate must be >= 0, got " + peak);
    }
    if (warmupSteps < 0 || maxSteps < 0) {
      throw new IllegalArgumentException("warmupSteps and maxSteps must be >= 0");
    }
    if (decay == Decay.LINEAR && maxSteps <= warmupSteps) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "linear decay needs maxSteps (%d) > warmupSteps (%d)",
              maxSteps,
              warmupSteps));
    }
  }

  /** Linear decay to {@code maxSteps} when bounded, else the given unbounded decay. */
  public static LearningRateSchedule of(
      double peak, int warmupSteps, long maxSteps, Decay unbounded) {
    return maxSteps > 0
        ? new LearningRateSchedule(peak, warmupSteps, maxSteps, Decay.LINEAR)
        : new LearningRateSchedule(peak, warmupSteps, 0, unbounded);
  }

  /** The learning rate of update {@code t} (1-based). */
  public double at(long t) {
    if (t < 1) {
      throw new IllegalArgumentException("update numbers start at 1, got " + t);
    }
    if (t <= warmupSteps) {
      return peak * t / warmupSteps;
    }
    return switch (decay) {
      case CONSTANT -> peak;
      case INVERSE_SQRT -> peak * Math.sqrt((double) Math.max(warmupSteps, 1) / t);
      case LINEAR -> t > maxSteps ? 0 : peak * (maxSteps - t + 1) / (maxSteps - warmupSteps);
    };
  }

  @Override
  public float getNewValue(int numUpdate) {
    return (float) at(numUpdate);
  }
}
