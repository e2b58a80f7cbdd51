package io.bertstream.trainer.optim;

import java.util.Locale;

/**
 * Learning rate as a pure function of the update number {@code t} (1 for the first update), so a
 * resumed run continues exactly: linear warmup {@code peak·t/W} for {@code t ≤ W}, then
 *
 * <ul>
 *   <li>{@link Decay#LINEAR}: {@code peak·(N − t + 1)/(N − W)} down to {@code peak/(N − W)} at the
 *       last step {@code t = N}, 0 after it (needs {@code maxSteps N});
 *   <li>{@link Decay#COSINE}: {@code peak·(1 + cos(π·(t − W − 1)/(N − W)))/2}, from {@code peak} at
 *       {@code t = W + 1} to nearly 0 at {@code t = N}, 0 after it (needs {@code maxSteps N});
 *   <li>{@link Decay#CONSTANT}: {@code peak};
 *   <li>{@link Decay#INVERSE_SQRT}: {@code peak·√(max(W,1)/t)}.
 * </ul>
 *
 * @param peak the learning rate reached at the end of warmup
 * @param warmupSteps W, 0 for none
 * @param maxSteps N for linear and cosine decay, 0 when training is unbounded
 * @param decay what follows warmup
 */
public record LearningRateSchedule(double peak, int warmupSteps, long maxSteps, Decay decay)
    implements LearningRate {

  /** What follows warmup. */
  public enum Decay {
    LINEAR,
    COSINE,
    CONSTANT,
    INVERSE_SQRT;

    /** Whether the decay ends at a last step (which it then needs). */
    public boolean hasEnd() {
      return this == LINEAR || this == COSINE;
    }
  }

  public LearningRateSchedule {
    if (!(peak >= 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("peak learning rate must be >= 0, got " + peak);
    }
    if (warmupSteps < 0 || maxSteps < 0) {
      throw new IllegalArgumentException("warmupSteps and maxSteps must be >= 0");
    }
    if (decay.hasEnd() && maxSteps <= warmupSteps) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s decay needs maxSteps (%d) > warmupSteps (%d)",
              decay.name().toLowerCase(Locale.ROOT),
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

  /** The same schedule ending at {@code last} instead. */
  public LearningRateSchedule withMaxSteps(long last) {
    return new LearningRateSchedule(peak, warmupSteps, last, decay);
  }

  /** The learning rate of update {@code t} (1-based). */
  @Override
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
      case COSINE ->
          t > maxSteps
              ? 0
              : peak
                  * (1 + Math.cos(Math.PI * (t - warmupSteps - 1) / (maxSteps - warmupSteps)))
                  / 2;
    };
  }
}
