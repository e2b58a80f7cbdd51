package io.bertstream.trainer;

import io.bertstream.trainer.TrainResult.StopReason;
import io.bertstream.trainer.checkpoint.CheckpointProtocol;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.Progress;
import io.bertstream.trainer.checkpoint.ResumePoint;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.Evaluator;
import io.bertstream.trainer.history.CheckpointMark;
import io.bertstream.trainer.history.StepFigures;
import io.bertstream.trainer.huggingface.ImportReport;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.ExampleReader;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.model.StepOutcome;
import io.bertstream.trainer.optim.TrainingTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's loop: take batches, train an optimizer step on {@code --accumulate} of them (fewer for
 * the last step of a pass over the topic), log it to the ledger, and every so often evaluate and
 * checkpoint; stop at {@code --max-steps}, when {@code --time-budget} is spent, after {@code
 * --idle-timeout} without a batch, or when asked, and checkpoint every step trained since the last
 * checkpoint before returning, also when the input fails; a run stopped by its time budget is
 * evaluated once more at its last step. Checkpoints fall between optimizer steps only:
 * micro-batches of a step not taken yet are not trained, not in the ledger and not in the position,
 * so a resumed run reads them again. The state that changes per step lives here.
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
  private TrainingTime time;
  private final List<Batch> microBatches = new ArrayList<>();
  private long microBatchWaitNanos;
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
    Progress progress = start.progress();
    step = progress.step();
    examples = progress.examples();
    tokens = progress.tokens();
    position = progress.input();
    lastCheckpoint = start.checkpoint().orElse(null);
    checkpointedStep = start.checkpoint().isPresent() ? step : -1;
    if (lastCheckpoint != null) {
      // The manifest is the checkpoint's last file: its time is when the checkpoint was complete.
      metrics.recordCheckpoint(
          Files.getLastModifiedTime(lastCheckpoint.resolve(CheckpointStore.MANIFEST)).toInstant());
    }
    time = new TrainingTime(progress.trainingTime(), config.timeBudget(), System::nanoTime);
    if (progress.estimatedLastStep() > 0
        && Objects.equals(progress.timeBudget(), config.timeBudget())) {
      // The same budget: continue its schedule where the checkpoint left it.
      session.estimateLastStep(progress.estimatedLastStep());
    } else {
      // Another budget (or the first): start from the earlier runs' pace until this run measures.
      time.lastStepAtEarlierPace(step).ifPresent(session::estimateLastStep);
    }
    lastCheckpointNanos = System.nanoTime();
    lastBatchNanos = System.nanoTime();
    StopReason reason;
    try {
      if (config.evalEvery() > 0) {
        evaluator.start();
      }
      reason = trainUntilStopped();
      if (reason == StopReason.TIME_BUDGET
          && config.evalEvery() > 0
          && stepsThisRun > 0
          && step % config.evalEvery() != 0) {
        // The score at the budget's end, the figure a time-bounded run is judged by.
        evaluate();
      }
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
    LOG.info(
        "stopped ({}) at step {} after {} of training",
        reason.name().toLowerCase(Locale.ROOT),
        step,
        io.bertstream.runtime.Durations.human(time.elapsed().toSeconds()));
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
        imported,
        time.elapsed());
  }

  private StopReason trainUntilStopped() throws IOException, InterruptedException {
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return StopReason.STOPPED;
      }
      if (config.maxSteps() > 0 && step >= config.maxSteps()) {
        return StopReason.MAX_STEPS;
      }
      if (time.budgetSpent()) {
        LOG.info("time budget of {} spent", config.timeBudget());
        return StopReason.TIME_BUDGET;
      }
      long waitStarted = System.nanoTime();
      Optional<Batch> next = reader.take(TAKE_TIMEOUT);
      if (next.isPresent()) {
        long arrived = System.nanoTime();
        microBatchWaitNanos += arrived - Math.max(waitStarted, lastBatchNanos);
        lastBatchNanos = arrived;
        Batch batch = next.get();
        if (!microBatches.isEmpty() && batch.pass() != microBatches.get(0).pass()) {
          // The previous pass is over: its last step takes the micro-batches there are.
          trainStep();
        }
        microBatches.add(batch);
        if (microBatches.size() == config.accumulate()) {
          trainStep();
        }
      } else if (idleTimedOut()) {
        LOG.info("no new examples for {}: stopping", config.idleTimeout());
        return StopReason.IDLE;
      }
    }
  }

  /** One optimizer step on the micro-batches gathered. */
  private void trainStep() throws IOException {
    List<Batch> batches = List.copyOf(microBatches);
    microBatches.clear();
    long computeStarted = System.nanoTime();
    StepOutcome outcome = session.train(batches, step + 1, config.seed());
    step++;
    double learningRate = session.learningRate(step);
    long computed = System.nanoTime() - computeStarted;
    lastBatchNanos = System.nanoTime();
    time.stepTaken();
    long stepTokens = 0;
    int stepExamples = 0;
    for (Batch batch : batches) {
      position = position.after(batch);
      stepTokens += batch.tokens();
      stepExamples += batch.size();
    }
    examples += stepExamples;
    if (tokens != null) {
      tokens += stepTokens;
    }
    lastLoss = outcome.loss();
    metrics.recordStep(
        step,
        outcome,
        learningRate,
        stepTokens,
        stepExamples,
        computed,
        microBatchWaitNanos,
        stepsThisRun == 0);
    microBatchWaitNanos = 0;
    journals.trained(LedgerEntry.of(step, batches, outcome.loss(), learningRate), figures(outcome));
    listener.stepTrained(step);
    stepsThisRun++;
    time.lastStep(step).ifPresent(session::estimateLastStep);
    if (step % config.progressEvery() == 0) {
      StepReport report =
          new StepReport(
              step,
              outcome,
              learningRate,
              metrics.tokensPerSecond(),
              metrics.examplesPerSecond(),
              metrics.inputWaitShare(),
              lag(),
              reader.skipped());
      LOG.info(
          new ProgressLine(
                  step,
                  config.maxSteps(),
                  outcome,
                  learningRate,
                  report.tokensPerSecond(),
                  report.examplesPerSecond(),
                  report.inputWaitShare(),
                  report.skipped(),
                  time.elapsed(),
                  config.timeBudget(),
                  session.estimatedLastStep())
              .text());
      listener.progressReported(report);
    }
    if (config.evalEvery() > 0) {
      if (step % config.evalEvery() == 0) {
        evaluate();
      }
      // Read the evaluation sets a little ahead of the next evaluation, in the background.
      long lead = Math.max(1, config.evalEvery() / 10);
      if ((step + lead) % config.evalEvery() == 0) {
        evaluator.prepare();
      }
    }
    if (checkpointDue()) {
      checkpoint();
    }
    listener.statusReported(
        new RunStatus(
            step,
            outcome.loss(),
            metrics.tokensPerSecond(),
            time.elapsed(),
            Optional.ofNullable(lastEvaluation)));
  }

  /** The step's figures for {@code steps.jsonl}, once its metrics are recorded. */
  private StepFigures figures(StepOutcome outcome) {
    return new StepFigures(
        step,
        outcome.mlmLoss(),
        outcome.nspLoss(),
        outcome.mlmAccuracy(),
        outcome.nspAccuracy(),
        outcome.gradNorm(),
        tokens,
        metrics.tokensPerSecond(),
        metrics.inputWaitShare(),
        lag(),
        time.elapsed().toMillis(),
        System.currentTimeMillis());
  }

  private void evaluate() throws IOException {
    EvalEntry entry = evaluator.evaluate(step, session.model(), session.manager());
    entry.scores().ifPresent(metrics::recordEval);
    journals.evaluated(entry);
    listener.evaluated(entry);
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
    Progress progress =
        new Progress(
            step,
            examples,
            tokens,
            position,
            time.elapsed(),
            config.timeBudget(),
            session.estimatedLastStep(),
            evaluator.evalSet());
    lastCheckpoint = checkpoints.save(session, progress);
    checkpointedStep = step;
    lastCheckpointNanos = System.nanoTime();
    Instant written = Instant.now();
    metrics.recordCheckpoint(written);
    journals.checkpointed(
        new CheckpointMark(step, lastCheckpoint.getFileName().toString(), written.toEpochMilli()));
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

  /** Committed examples of this pass not trained on yet, from the end offsets seen last. */
  private long lag() {
    InputPosition trained = position;
    long lag = 0;
    for (Map.Entry<Integer, Long> end : reader.endOffsets().entrySet()) {
      lag += Math.max(0, end.getValue() - trained.nextOffsets().getOrDefault(end.getKey(), 0L));
    }
    return lag;
  }
}
