package io.bertstream.trainer;

import io.bertstream.trainer.TrainResult.StopReason;
import io.bertstream.trainer.checkpoint.CheckpointProtocol;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.ResumePoint;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.Evaluator;
import io.bertstream.trainer.huggingface.ImportReport;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.ExampleReader;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.model.StepOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's loop: take a batch, train a step on it, log it to the ledger, and every so often
 * evaluate and checkpoint; stop at {@code --max-steps}, after {@code --idle-timeout} without a
 * batch, or when asked, and checkpoint every step trained since the last checkpoint before
 * returning, also when the input fails. The state that changes per step lives here.
 */
final class TrainingLoop {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
  private static final Duration TAKE_TIMEOUT = Duration.ofMillis(250);

  private final TrainerConfig config;
  private final TrainingSession session;
  private final ExampleReader reader;
  private final Journals journals;
  private final CheckpointProtocol checkpoints;
  private final Evaluator evaluator;
  private final TrainerMetrics metrics;
  private final TrainingListener listener;
  private final BooleanSupplier stopRequested;

  private long step;
  private long examples;
  private Long tokens;
  private volatile InputPosition position = InputPosition.start();
  private Path lastCheckpoint;
  private long checkpointedStep = -1;
  private long lastCheckpointNanos;
  private long lastBatchNanos;
  private double lastLoss = Double.NaN;
  private long stepsThisRun;
  private EvalEntry lastEvaluation;

  TrainingLoop(
      TrainerConfig config,
      TrainingSession session,
      ExampleReader reader,
      Journals journals,
      CheckpointProtocol checkpoints,
      Evaluator evaluator,
      MeterRegistry registry,
      TrainingListener listener,
      BooleanSupplier stopRequested) {
    this.config = config;
    this.session = session;
    this.reader = reader;
    this.journals = journals;
    this.checkpoints = checkpoints;
    this.evaluator = evaluator;
    this.metrics = new TrainerMetrics(registry, this::lag);
    this.listener = listener;
    this.stopRequested = stopRequested;
  }

  /**
   * Trains from {@code start} until a stop condition; the session holds {@code start}'s state.
   *
   * @param imported what the session took from --init-from, if it did, for the result
   */
  TrainResult run(ResumePoint start, Optional<ImportReport> imported)
      throws IOException, InterruptedException {
    step = start.step();
    examples = start.examples();
    tokens = start.tokens();
    position = start.input();
    lastCheckpoint = start.checkpoint().orElse(null);
    checkpointedStep = start.checkpoint().isPresent() ? step : -1;
    lastCheckpointNanos = System.nanoTime();
    lastBatchNanos = System.nanoTime();
    StopReason reason;
    try {
      reason = trainUntilStopped();
    } catch (RuntimeException e) {
      // A refused example (another tokenizer) or a failed reader: keep what was trained.
      try {
        checkpointIfBehind();
      } catch (IOException | RuntimeException failed) {
        e.addSuppressed(failed);
      }
      throw e;
    }
    checkpointIfBehind();
    LOG.info("stopped ({}) at step {}", reason.name().toLowerCase(Locale.ROOT), step);
    return new TrainResult(
        step,
        stepsThisRun,
        examples,
        reason,
        lastLoss,
        lastCheckpoint,
        reader.skipped(),
        metrics.averageTokensPerSecond(),
        metrics.inputWaitShare(),
        Optional.ofNullable(lastEvaluation),
        imported);
  }

  private StopReason trainUntilStopped() throws IOException, InterruptedException {
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return StopReason.STOPPED;
      }
      if (config.maxSteps() > 0 && step >= config.maxSteps()) {
        return StopReason.MAX_STEPS;
      }
      long waitStarted = System.nanoTime();
      Optional<Batch> next = reader.take(TAKE_TIMEOUT);
      if (next.isPresent()) {
        trainOn(next.get(), System.nanoTime() - Math.max(waitStarted, lastBatchNanos));
      } else if (idleTimedOut()) {
        LOG.info("no new examples for {}: stopping", config.idleTimeout());
        return StopReason.IDLE;
      }
    }
  }

  private void trainOn(Batch batch, long waitedNanos) throws IOException {
    long computeStarted = System.nanoTime();
    StepOutcome outcome = session.train(batch, step + 1, config.seed());
    step++;
    long computed = System.nanoTime() - computeStarted;
    lastBatchNanos = System.nanoTime();
    position = position.after(batch);
    examples += batch.size();
    if (tokens != null) {
      tokens += batch.tokens();
    }
    lastLoss = outcome.loss();
    journals.trained(LedgerEntry.of(step, batch, outcome.loss()));
    listener.stepTrained(step);
    double learningRate = session.learningRate(step);
    metrics.recordStep(
        step,
        outcome,
        learningRate,
        batch.tokens(),
        batch.size(),
        computed,
        waitedNanos,
        stepsThisRun == 0);
    stepsThisRun++;
    if (step % config.progressEvery() == 0) {
      LOG.info(
          new ProgressLine(
                  step,
                  config.maxSteps(),
                  outcome,
                  learningRate,
                  metrics.tokensPerSecond(),
                  metrics.examplesPerSecond(),
                  metrics.inputWaitShare(),
                  reader.skipped())
              .text());
    }
    if (config.evalEvery() > 0 && step % config.evalEvery() == 0) {
      evaluate();
    }
    if (checkpointDue()) {
      checkpoint();
    }
  }

  private void evaluate() throws IOException {
    EvalEntry entry = evaluator.evaluate(step, session.model(), session.manager());
    entry.scores().ifPresent(metrics::recordEval);
    journals.evaluated(entry);
    lastEvaluation = entry;
  }

  private boolean checkpointDue() {
    boolean byStep = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
    boolean byTime =
        config.checkpointInterval() != null
            && System.nanoTime() - lastCheckpointNanos >= config.checkpointInterval().toNanos();
    return byStep || byTime;
  }

  private void checkpoint() throws IOException {
    lastCheckpoint = checkpoints.save(session, step, examples, tokens, position);
    checkpointedStep = step;
    lastCheckpointNanos = System.nanoTime();
  }

  /** The final checkpoint: of every step trained since the last one, if any. */
  private void checkpointIfBehind() throws IOException {
    if (step > 0 && step != checkpointedStep) {
      checkpoint();
    }
  }

  private boolean idleTimedOut() {
    Duration idle = Duration.ofNanos(System.nanoTime() - lastBatchNanos);
    return config.idleTimeout() != null && idle.compareTo(config.idleTimeout()) >= 0;
  }

  /** Committed examples not trained on yet, from the end offsets the reader saw last. */
  private long lag() {
    InputPosition trained = position;
    long lag = 0;
    for (Map.Entry<Integer, Long> end : reader.endOffsets().entrySet()) {
      lag += Math.max(0, end.getValue() - trained.nextOffsets().getOrDefault(end.getKey(), 0L));
    }
    return lag;
  }
}
