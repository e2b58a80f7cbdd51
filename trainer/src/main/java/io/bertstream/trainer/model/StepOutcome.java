package io.bertstream.trainer.model;

/**
 * The loss terms and accuracies of one batch, copied off the device, and for a trained step the
 * global gradient norm before clipping.
 *
 * @param gradNorm the step's global gradient norm before clipping; NaN where no update was made (an
 *     evaluation), infinite or NaN too when the update was skipped for non-finite gradients
 */
public record StepOutcome(
    double loss,
    double mlmLoss,
    double nspLoss,
    double mlmAccuracy,
    double nspAccuracy,
    double gradNorm) {

  /** An outcome without an update: no gradient norm. */
  public StepOutcome(
      double loss, double mlmLoss, double nspLoss, double mlmAccuracy, double nspAccuracy) {
    this(loss, mlmLoss, nspLoss, mlmAccuracy, nspAccuracy, Double.NaN);
  }

  public static StepOutcome of(PretrainingLoss.Result result) {
    return new StepOutcome(
        result.total().getFloat(),
        result.mlm().getFloat(),
        result.nsp().getFloat(),
        result.mlmAccuracy().getFloat(),
        result.nspAccuracy().getFloat());
  }

  /** This outcome with the update's gradient norm. */
  public StepOutcome withGradNorm(double norm) {
    return new StepOutcome(loss, mlmLoss, nspLoss, mlmAccuracy, nspAccuracy, norm);
  }
}
