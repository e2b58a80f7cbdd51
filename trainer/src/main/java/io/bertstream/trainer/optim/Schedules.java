package io.bertstream.trainer.optim;

import java.util.Locale;

/** Builds the learning-rate schedule and the optimizer from a run's settings, by name. */
public final class Schedules {

  private Schedules() {}

  /**
   * The schedule called {@code name}: {@code auto} (linear decay to {@code maxSteps} when bounded,
   * else constant), {@code linear}, {@code constant} or {@code inverse-sqrt}.
   *
   * @param peak the learning rate at the end of warm-up
   * @param warmupSteps linear warm-up steps
   * @param maxSteps the run's last step, 0 when unbounded
   */
  public static LearningRateSchedule of(String name, double peak, long warmupSteps, long maxSteps) {
    String normalized = name.toLowerCase(Locale.ROOT).replace('_', '-');
    int warmup = Math.toIntExact(warmupSteps);
    if (normalized.equals("auto") && maxSteps > 0 && warmup >= maxSteps) {
      // A short bounded run with the default warm-up would never leave it: warm up a tenth.
      warmup = (int) (maxSteps / 10);
    }
    return switch (normalized) {
      case "auto" ->
          LearningRateSchedule.of(peak, warmup, maxSteps, LearningRateSchedule.Decay.CONSTANT);
      case "linear" ->
          new LearningRateSchedule(peak, warmup, maxSteps, LearningRateSchedule.Decay.LINEAR);
      case "constant" ->
          new LearningRateSchedule(peak, warmup, 0, LearningRateSchedule.Decay.CONSTANT);
      case "inverse-sqrt" ->
          new LearningRateSchedule(peak, warmup, 0, LearningRateSchedule.Decay.INVERSE_SQRT);
      default ->
          throw new IllegalArgumentException(
              "unknown schedule '" + name + "', expected auto, linear, constant or inverse-sqrt");
    };
  }

  /** AdamW following {@code schedule}, with decoupled weight decay and global-norm clipping. */
  public static AdamW optimizer(
      LearningRateSchedule schedule, double weightDecay, double maxGradNorm) {
    return AdamW.builder()
        .optLearningRate(schedule)
        .optWeightDecays((float) weightDecay)
        .optMaxGradNorm(maxGradNorm)
        .build();
  }
}
