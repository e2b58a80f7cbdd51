package io.bertstream.trainer;

import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.model.StepOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The trainer's metrics ({@code bertstream_trainer_*} on /metrics) and the rates shown in progress
 * lines. Throughput is smoothed over recent steps; the input-wait share is the fraction of wall
 * time since the second step that the loop spent waiting for a batch.
 */
final class TrainerMetrics {

  private static final double SMOOTHING = 0.1;

  private final AtomicLong step = new AtomicLong();
  private final DoubleHolder loss = new DoubleHolder(Double.NaN);
  private final DoubleHolder mlmLoss = new DoubleHolder(Double.NaN);
  private final DoubleHolder nspLoss = new DoubleHolder(Double.NaN);
  private final DoubleHolder learningRate = new DoubleHolder(0);
  private final DoubleHolder tokensPerSecond = new DoubleHolder(0);
  private final DoubleHolder examplesPerSecond = new DoubleHolder(0);
  private final DoubleHolder evalMlmLoss = new DoubleHolder(Double.NaN);
  private final DoubleHolder evalMlmAccuracy = new DoubleHolder(Double.NaN);
  private final DoubleHolder evalNspAccuracy = new DoubleHolder(Double.NaN);
  private final DoubleHolder lastCheckpointSeconds = new DoubleHolder(Double.NaN);
  private final Counter tokens;
  private final Counter examples;
  private final Timer stepTime;
  private final Timer inputWait;
  private long waitNanos;
  private long wallNanos;
  private long steadyTokens;

  TrainerMetrics(MeterRegistry registry, LongSupplier consumerLag) {
    Gauge.builder("bertstream.trainer.step", step, AtomicLong::get)
        .description("Optimizer steps taken")
        .register(registry);
    gauge(registry, "bertstream.trainer.loss", "Total loss of the last step", loss);
    gauge(registry, "bertstream.trainer.loss.mlm", "Masked-LM loss of the last step", mlmLoss);
    gauge(registry, "bertstream.trainer.loss.nsp", "Next-sentence loss of the last step", nspLoss);
    gauge(registry, "bertstream.trainer.learning.rate", "Learning rate", learningRate);
    gauge(registry, "bertstream.trainer.tokens.per.second", "Tokens/s, smoothed", tokensPerSecond);
    gauge(
        registry,
        "bertstream.trainer.examples.per.second",
        "Examples/s, smoothed",
        examplesPerSecond);
    Gauge.builder("bertstream.trainer.input.wait.share", this, TrainerMetrics::inputWaitShare)
        .description("Share of wall time spent waiting for input")
        .register(registry);
    Gauge.builder("bertstream.trainer.consumer.lag", consumerLag::getAsLong)
        .description("Examples in the topic not trained on yet (committed data)")
        .register(registry);
    gauge(registry, "bertstream.trainer.eval.mlm.loss", "Evaluation masked-LM loss", evalMlmLoss);
    gauge(
        registry,
        "bertstream.trainer.eval.mlm.accuracy",
        "Evaluation masked-LM accuracy",
        evalMlmAccuracy);
    gauge(
        registry,
        "bertstream.trainer.eval.nsp.accuracy",
        "Evaluation next-sentence accuracy",
        evalNspAccuracy);
    // A timestamp, not an age: time() - it keeps growing on a dashboard while checkpoints stall.
    Gauge.builder(
            "bertstream.trainer.last.checkpoint.timestamp", lastCheckpointSeconds, h -> h.value)
        .description("Unix time the newest checkpoint was written (NaN before the first)")
        .baseUnit("seconds")
        .register(registry);
    tokens =
        Counter.builder("bertstream.trainer.tokens")
            .description("Tokens trained")
            .register(registry);
    examples =
        Counter.builder("bertstream.trainer.examples")
            .description("Examples trained")
            .register(registry);
    stepTime =
        Timer.builder("bertstream.trainer.step.time")
            .description("Compute time of one step")
            .register(registry);
    inputWait =
        Timer.builder("bertstream.trainer.input.wait")
            .description("Time the loop waited for a batch")
            .register(registry);
  }

  synchronized void recordStep(
      long stepNumber,
      StepOutcome outcome,
      double lr,
      long batchTokens,
      int batchExamples,
      long computeNanos,
      long waitedNanos,
      boolean firstOfRun) {
    step.set(stepNumber);
    loss.value = outcome.loss();
    mlmLoss.value = outcome.mlmLoss();
    nspLoss.value = outcome.nspLoss();
    learningRate.value = lr;
    tokens.increment(batchTokens);
    examples.increment(batchExamples);
    stepTime.record(Duration.ofNanos(computeNanos));
    inputWait.record(Duration.ofNanos(waitedNanos));
    double seconds = (computeNanos + waitedNanos) / 1e9;
    if (!firstOfRun && seconds > 0) {
      // The first step of a run waits for the consumer to start: not a steady-state figure.
      waitNanos += waitedNanos;
      steadyTokens += batchTokens;
      wallNanos += computeNanos + waitedNanos;
      tokensPerSecond.value = smooth(tokensPerSecond.value, batchTokens / seconds);
      examplesPerSecond.value = smooth(examplesPerSecond.value, batchExamples / seconds);
    }
  }

  synchronized void recordEval(EvalScores result) {
    evalMlmLoss.value = result.mlmLoss();
    evalMlmAccuracy.value = result.mlmAccuracy();
    evalNspAccuracy.value = result.nspAccuracy();
  }

  /** The newest checkpoint was written at {@code writtenAt}. */
  synchronized void recordCheckpoint(Instant writtenAt) {
    lastCheckpointSeconds.value = writtenAt.toEpochMilli() / 1000.0;
  }

  synchronized double tokensPerSecond() {
    return tokensPerSecond.value;
  }

  synchronized double examplesPerSecond() {
    return examplesPerSecond.value;
  }

  /** Tokens per wall-clock second since the run's second step. */
  synchronized double averageTokensPerSecond() {
    return wallNanos == 0 ? 0 : steadyTokens / (wallNanos / 1e9);
  }

  synchronized double inputWaitShare() {
    return wallNanos == 0 ? 0 : (double) waitNanos / wallNanos;
  }

  private static double smooth(double previous, double current) {
    return previous == 0 ? current : previous + SMOOTHING * (current - previous);
  }

  private static void gauge(
      MeterRegistry registry, String name, String description, DoubleHolder holder) {
    Gauge.builder(name, holder, h -> h.value).description(description).register(registry);
  }

  /** A value a gauge reads; written under the metrics' lock, read racily by scrapes. */
  private static final class DoubleHolder {
    volatile double value;

    DoubleHolder(double initial) {
      value = initial;
    }
  }
}
