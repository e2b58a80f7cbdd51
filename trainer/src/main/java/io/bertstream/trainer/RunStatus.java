package io.bertstream.trainer;

import io.bertstream.trainer.evaluation.EvalEntry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run stands after a step (and that step's evaluation, if it had one): what a progress
 * display shows.
 *
 * @param step the step just trained
 * @param loss its loss
 * @param tokensPerSecond smoothed throughput
 * @param trainingTime training time so far, earlier runs included (what the time budget counts)
 * @param lastEvaluation the newest evaluation of this run, if any
 */
public record RunStatus(
    long step,
    double loss,
    double tokensPerSecond,
    Duration trainingTime,
    Optional<EvalEntry> lastEvaluation) {

  public RunStatus {
    Objects.requireNonNull(trainingTime, "trainingTime");
    Objects.requireNonNull(lastEvaluation, "lastEvaluation");
  }
}
