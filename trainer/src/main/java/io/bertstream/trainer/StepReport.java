package io.bertstream.trainer;

import io.bertstream.trainer.model.StepOutcome;

/**
 * The figures of a progress line ({@code --progress-every}), for listeners: what the run logs, as
 * numbers.
 *
 * @param step the step just trained
 * @param outcome its losses, accuracies and gradient norm
 * @param learningRate its learning rate
 * @param tokensPerSecond throughput, smoothed over recent steps
 * @param examplesPerSecond throughput, smoothed over recent steps
 * @param inputWaitShare share of wall time since the run's second step spent waiting for a batch
 * @param consumerLag committed examples of this pass not trained on yet, from the end offsets seen
 *     last
 * @param skipped records skipped so far (undecodable or malformed)
 */
public record StepReport(
    long step,
    StepOutcome outcome,
    double learningRate,
    double tokensPerSecond,
    double examplesPerSecond,
    double inputWaitShare,
    long consumerLag,
    long skipped) {}
