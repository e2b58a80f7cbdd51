package io.bertstream.trainer.model;

/** The loss terms and accuracies of one batch, copied off the device. */
public record StepOutcome(
    double loss, double mlmLoss, double nspLoss, double mlmAccuracy, double nspAccuracy) {

  public static StepOutcome of(PretrainingLoss.Result result) {
    return new StepOutcome(
        result.total().getFloat(),
        result.mlm().getFloat(),
        result.nsp().getFloat(),
        result.mlmAccuracy().getFloat(),
        result.nspAccuracy().getFloat());
  }
}
