package io.bertstream.trainer;

import io.bertstream.runtime.Durations;
import io.bertstream.trainer.model.StepOutcome;
import java.time.Duration;
import java.util.Locale;

/**
 * The line a run logs every {@code --progress-every} steps: {@code step 120/1000 loss 7.1000 (mlm
 * 6.4000, nsp 0.6900) lr 1.00e-04 | 5123 tokens/s 40.0 examples/s | input wait 0.4% | skipped 0};
 * with a time budget the step is followed by the training time, the budget and the estimated last
 * step: {@code step 120 [2m3s of 10m, ends near 980]}.
 *
 * @param step the step just trained
 * @param maxSteps the run's last step, 0 when unbounded (then not shown)
 * @param outcome the step's losses
 * @param learningRate the step's learning rate
 * @param tokensPerSecond smoothed throughput
 * @param examplesPerSecond smoothed throughput
 * @param inputWaitShare share of wall time spent waiting for a batch
 * @param skipped records skipped so far
 * @param elapsed training time so far (shown with a budget)
 * @param budget the time budget, null without one
 * @param estimatedLastStep where the budget is estimated to end, 0 before an estimate
 */
record ProgressLine(
    long step,
    long maxSteps,
    StepOutcome outcome,
    double learningRate,
    double tokensPerSecond,
    double examplesPerSecond,
    double inputWaitShare,
    long skipped,
    Duration elapsed,
    Duration budget,
    long estimatedLastStep) {

  /** A line without a time budget. */
  ProgressLine(
      long step,
      long maxSteps,
      StepOutcome outcome,
      double learningRate,
      double tokensPerSecond,
      double examplesPerSecond,
      double inputWaitShare,
      long skipped) {
    this(
        step,
        maxSteps,
        outcome,
        learningRate,
        tokensPerSecond,
        examplesPerSecond,
        inputWaitShare,
        skipped,
        Duration.ZERO,
        null,
        0);
  }

  String text() {
    return String.format(
        Locale.ROOT,
        "step %d%s%s loss %.4f (mlm %.4f, nsp %.4f) lr %.2e | %.0f tokens/s %.1f examples/s"
            + " | input wait %.1f%% | skipped %d",
        step,
        maxSteps > 0 ? "/" + maxSteps : "",
        budgetText(),
        outcome.loss(),
        outcome.mlmLoss(),
        outcome.nspLoss(),
        learningRate,
        tokensPerSecond,
        examplesPerSecond,
        100 * inputWaitShare,
        skipped);
  }

  private String budgetText() {
    if (budget == null) {
      return "";
    }
    return " ["
        + Durations.human(elapsed.toSeconds())
        + " of "
        + Durations.format(budget)
        + (estimatedLastStep > 0 ? ", ends near " + estimatedLastStep : "")
        + "]";
  }
}
