package io.bertstream.trainer;

import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.optim.AdamW;
import io.bertstream.trainer.optim.LearningRateSchedule;
import java.util.Locale;

/** Builds the learning-rate schedule and the optimizer from the run's settings. */
final class Schedules {

  private Schedules() {}

  static LearningRateSchedule of(TrainerConfig.Optimization optimization, long maxSteps) {
    String name = optimization.schedule().toLowerCase(Locale.ROOT).replace('_', '-');
    int warmup = Math.toIntExact(optimization.warmupSteps());
    if (name.equals("auto") && maxSteps > 0 && warmup >= maxSteps) {
      // A short bounded run with the default warm-up would never leave it: warm up a tenth.
      warmup = (int) (maxSteps / 10);
    }
    return switch (name) {
      case "auto" ->
          LearningRateSchedule.of(
              optimization.learningRate(), warmup, maxSteps, LearningRateSchedule.Decay.CONSTANT);
      case "linear" ->
          new LearningRateSchedule(
              optimization.learningRate(), warmup, maxSteps, LearningRateSchedule.Decay.LINEAR);
      case "constant" ->
          new LearningRateSchedule(
              optimization.learningRate(), warmup, 0, LearningRateSchedule.Decay.CONSTANT);
      case "inverse-sqrt" ->
          new LearningRateSchedule(
              optimization.learningRate(), warmup, 0, LearningRateSchedule.Decay.INVERSE_SQRT);
      default ->
          throw new IllegalArgumentException(
              "unknown schedule '"
                  + optimization.schedule()
                  + "', expected auto, linear, constant or inverse-sqrt");
    };
  }

  static AdamW optimizer(
      TrainerConfig.Optimization optimization,
      LearningRateSchedule schedule,
      BertForPreTraining model) {
    return AdamW.builder()
        .optLearningRate(schedule)
        .optWeightDecays((float) optimization.weightDecay())
        .optMaxGradNorm(optimization.maxGradNorm())
        .build();
  }
}
