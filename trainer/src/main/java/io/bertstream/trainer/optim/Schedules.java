package io.bertstream.trainer.optim;

import io.bertstream.trainer.optim.LearningRateSchedule.Decay;
import java.util.Locale;

/** Builds the learning-rate schedule and the optimizer from a run's settings, by name. */
public final class Schedules {

  private Schedules() {}

  /**
   * The schedule called {@code name}: {@code auto} (linear decay to {@code maxSteps} when bounded,
   * else constant), {@code linear}, {@code cosine}, {@code constant} or {@code inverse-sqrt}.
   *
   * @param peak the learning rate at the end of warm-up
   * @param warmupSteps linear warm-up steps
   * @param maxSteps the run's last step, 0 when unbounded
   */
  public static LearningRateSchedule of(String name, double peak, long warmupSteps, long maxSteps) {
    String normalized = normalize(name);
    int warmup = Math.toIntExact(warmupSteps);
    if (normalized.equals("auto") && maxSteps > 0 && warmup >= maxSteps) {
      // A short bounded run with the default warm-up would never leave it: warm up a tenth.
      warmup = (int) (maxSteps / 10);
    }
    return switch (normalized) {
      case "auto" -> LearningRateSchedule.of(peak, warmup, maxSteps, Decay.CONSTANT);
      case "linear" -> new LearningRateSchedule(peak, warmup, maxSteps, Decay.LINEAR);
      case "cosine" -> {
        if (maxSteps == 0) {
          throw new IllegalArgumentException(
              "the cosine schedule decays to an end: give --max-steps or --time-budget");
        }
        yield new LearningRateSchedule(peak, warmup, maxSteps, Decay.COSINE);
      }
      case "constant" -> new LearningRateSchedule(peak, warmup, 0, Decay.CONSTANT);
      case "inverse-sqrt" -> new LearningRateSchedule(peak, warmup, 0, Decay.INVERSE_SQRT);
      default ->
          throw new IllegalArgumentException(
              "unknown schedule '"
                  + name
                  + "', expected auto, linear, cosine, constant or inverse-sqrt");
    };
  }

  /**
   * The schedule called {@code name} for a run that may also be bounded by a time budget: with one,
   * {@code auto}, {@code linear} and {@code cosine} decay to the step where the budget is estimated
   * to end ({@link BudgetedSchedule}; {@code auto} is then linear); {@code constant} and {@code
   * inverse-sqrt} do not depend on it. Without one, {@link #of(String, double, long, long)}.
   */
  public static LearningRate of(
      String name, double peak, long warmupSteps, long maxSteps, boolean timeBudget) {
    String normalized = normalize(name);
    if (!timeBudget) {
      return of(name, peak, warmupSteps, maxSteps);
    }
    int warmup = Math.toIntExact(warmupSteps);
    return switch (normalized) {
      case "auto" -> new BudgetedSchedule(peak, warmup, maxSteps, Decay.LINEAR, true);
      case "linear" -> new BudgetedSchedule(peak, warmup, maxSteps, Decay.LINEAR, false);
      case "cosine" -> new BudgetedSchedule(peak, warmup, maxSteps, Decay.COSINE, false);
      default -> of(name, peak, warmupSteps, maxSteps);
    };
  }

  /** AdamW following {@code schedule}, with decoupled weight decay and global-norm clipping. */
  public static AdamW optimizer(LearningRate schedule, double weightDecay, double maxGradNorm) {
    return AdamW.builder()
        .optLearningRate(schedule)
        .optWeightDecays((float) weightDecay)
        .optMaxGradNorm(maxGradNorm)
        .build();
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
