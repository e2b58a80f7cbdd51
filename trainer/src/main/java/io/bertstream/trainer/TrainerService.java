package io.bertstream.trainer;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.OpsServer;
import io.bertstream.runtime.Topics;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.StepJournal;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.BatchBuilder;
import io.bertstream.trainer.input.EvalSampleReader;
import io.bertstream.trainer.input.ExampleConsumers;
import io.bertstream.trainer.input.ExampleReader;
import io.bertstream.trainer.input.ExampleValidator;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.input.OffsetCommitter;
import io.bertstream.trainer.input.OffsetRange;
import io.bertstream.trainer.model.BertConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrains BERT from the examples topic: load the newest checkpoint (or initialise from the seed),
 * read batches from the checkpoint's offsets on, train, log each step to the ledger, evaluate now
 * and then, checkpoint by steps and by time, and write a final checkpoint when stopped
 * (--max-steps, --idle-timeout, SIGTERM/SIGINT or {@link #stop()}).
 */
public final class TrainerService {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
  private static final Duration TAKE_TIMEOUT = Duration.ofMillis(250);
  private static final Duration SHUTDOWN_GRACE = Duration.ofMinutes(2);

  private volatile boolean stopRequested;
  private volatile boolean ready;

  /** Asks a running {@link #run} to finish its step, write a final checkpoint and return. */
  public void stop() {
    stopRequested = true;
  }

  /** Whether training has started (the model is loaded and the reader is running). */
  public boolean isReady() {
    return ready;
  }

  public TrainResult run(TrainerConfig config) throws IOException, InterruptedException {
    return run(config, TrainingListener.NONE);
  }

  public TrainResult run(TrainerConfig config, TrainingListener listener)
      throws IOException, InterruptedException {
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> awaitFinalCheckpoint(finished), "trainer-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return train(config, listener);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down; the hook is running and now returns.
      }
    }
  }

  /** SIGTERM/SIGINT: let the loop finish its step and checkpoint before the JVM exits. */
  private void awaitFinalCheckpoint(CountDownLatch finished) {
    LOG.info("stop requested by signal: writing a final checkpoint");
    stopRequested = true;
    try {
      if (!finished.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("no final checkpoint within {}", SHUTDOWN_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private TrainResult train(TrainerConfig config, TrainingListener listener)
      throws IOException, InterruptedException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CheckpointStore store = new CheckpointStore(config.checkpointDir(), config.keep());
    store.removeIncomplete();
    Optional<StoredCheckpoint> resume = store.latest();
    Topics topics = Topics.create(config.connection());
    String topic = topics.examples().name();
    try (BertTokenizer tokenizer = BertTokenizer.load(config.tokenizer())) {
      BertConfig modelConfig = modelConfig(config, tokenizer, resume);
      long step = resume.map(StoredCheckpoint::step).orElse(0L);
      long examples = resume.map(c -> c.manifest().examples()).orElse(0L);
      InputPosition position = resume.map(c -> c.manifest().input()).orElse(InputPosition.start());
      if (resume.isPresent()) {
        checkResumable(resume.get(), tokenizer, topic);
      }
      ExampleValidator validator =
          new ExampleValidator(
              tokenizer.fingerprint(), tokenizer.vocabSize(), modelConfig.maxPositions());
      BatchBuilder builder = new BatchBuilder(tokenizer.padId());
      Deserializer<PretrainingExample> values = topics.examples().valueSerde().deserializer();
      try (TrainingSession session =
              TrainingSession.create(
                  modelConfig, config.optimization(), config.maxSteps(), config.seed());
          StepJournal ledger =
              StepJournal.open(config.checkpointDir().resolve("ledger.jsonl"), step);
          StepJournal metricsLog =
              StepJournal.open(config.checkpointDir().resolve("metrics.jsonl"), step);
          OffsetCommitter committer =
              new OffsetCommitter(
                  ExampleConsumers.committer(config.connection(), config.groupId()), topic);
          ExampleReader reader =
              new ExampleReader(
                  ExampleConsumers.examples(config.connection(), values, "bertstream-trainer"),
                  topic,
                  position,
                  config.batchSize(),
                  config.prefetch(),
                  validator,
                  builder,
                  registry)) {
        if (resume.isPresent()) {
          session.restore(resume.get());
          LOG.info(
              "resumed from {} (step {}, {} examples)", resume.get().directory(), step, examples);
        } else {
          LOG.info("starting from scratch: {} preset, seed {}", config.preset(), config.seed());
        }
        reader.start();
        Loop loop =
            new Loop(
                config,
                listener,
                session,
                reader,
                ledger,
                metricsLog,
                new CheckpointProtocol(
                    store,
                    modelConfig,
                    tokenizer,
                    config.tokenizer(),
                    topic,
                    config.seed(),
                    committer,
                    List.of(ledger, metricsLog),
                    listener),
                registry,
                tokenizer,
                () -> readEvalSample(config, validator, builder));
        OpsServer ops =
            config.ops().enabled() ? OpsServer.start(config.ops(), registry, this::isReady) : null;
        try {
          ready = true;
          return loop.run(step, examples, position, resume.map(StoredCheckpoint::directory));
        } finally {
          ready = false;
          if (ops != null) {
            ops.close();
          }
        }
      }
    }
  }

  /** The fixed evaluation sample, read once by a consumer of its own. */
  private static List<Batch> readEvalSample(
      TrainerConfig config, ExampleValidator validator, BatchBuilder builder) {
    Topics topics = Topics.create(config.connection());
    try (var consumer =
        ExampleConsumers.examples(
            config.connection(),
            topics.examplesEval().valueSerde().deserializer(),
            "bertstream-trainer-eval")) {
      return EvalSampleReader.read(
          consumer,
          topics.examplesEval().name(),
          config.evalExamples(),
          config.batchSize(),
          validator,
          builder,
          Duration.ofSeconds(30));
    }
  }

  private static BertConfig modelConfig(
      TrainerConfig config, BertTokenizer tokenizer, Optional<StoredCheckpoint> resume)
      throws IOException {
    if (resume.isPresent()) {
      // The checkpoint's shape wins: flags cannot change a model mid-training.
      return BertConfig.read(resume.get().file(CheckpointFiles.CONFIG));
    }
    return config.overrides().apply(config.preset(), tokenizer.vocabSize());
  }

  private static void checkResumable(
      StoredCheckpoint checkpoint, BertTokenizer tokenizer, String topic) {
    if (!checkpoint.manifest().tokenizerId().equals(tokenizer.fingerprint())) {
      throw new IllegalStateException(
          "checkpoint "
              + checkpoint.directory()
              + " was trained with tokenizer "
              + checkpoint.manifest().tokenizerId()
              + ", --tokenizer is "
              + tokenizer.fingerprint());
    }
    if (!checkpoint.manifest().topic().equals(topic)) {
      throw new IllegalStateException(
          "checkpoint "
              + checkpoint.directory()
              + " holds offsets of "
              + checkpoint.manifest().topic()
              + ", not of "
              + topic);
    }
  }

  /** The training loop of one run; state that changes per step lives here. */
  private final class Loop {
    private final TrainerConfig config;
    private final TrainingListener listener;
    private final TrainingSession session;
    private final ExampleReader reader;
    private final StepJournal ledger;
    private final StepJournal metricsLog;
    private final CheckpointProtocol checkpoints;
    private final TrainerMetrics metrics;
    private final BertTokenizer tokenizer;
    private final java.util.function.Supplier<List<Batch>> evalSample;
    private Evaluation evaluation;
    private volatile InputPosition position = InputPosition.start();

    Loop(
        TrainerConfig config,
        TrainingListener listener,
        TrainingSession session,
        ExampleReader reader,
        StepJournal ledger,
        StepJournal metricsLog,
        CheckpointProtocol checkpoints,
        io.micrometer.core.instrument.MeterRegistry registry,
        BertTokenizer tokenizer,
        java.util.function.Supplier<List<Batch>> evalSample) {
      this.config = config;
      this.listener = listener;
      this.session = session;
      this.reader = reader;
      this.ledger = ledger;
      this.metricsLog = metricsLog;
      this.checkpoints = checkpoints;
      this.metrics = new TrainerMetrics(registry, this::lag);
      this.tokenizer = tokenizer;
      this.evalSample = evalSample;
    }

    TrainResult run(
        long startStep, long startExamples, InputPosition start, Optional<Path> resumedFrom)
        throws IOException, InterruptedException {
      long step = startStep;
      long examples = startExamples;
      position = start;
      Path lastCheckpoint = resumedFrom.orElse(null);
      long checkpointedStep = resumedFrom.isPresent() ? startStep : -1;
      long lastCheckpointNanos = System.nanoTime();
      long lastBatchNanos = System.nanoTime();
      double lastLoss = Double.NaN;
      long stepsThisRun = 0;
      TrainResult.StopReason reason;
      try {
        while (true) {
          if (stopRequested) {
            reason = TrainResult.StopReason.STOPPED;
            break;
          }
          if (config.maxSteps() > 0 && step >= config.maxSteps()) {
            reason = TrainResult.StopReason.MAX_STEPS;
            break;
          }
          long waitStarted = System.nanoTime();
          Optional<Batch> next = reader.take(TAKE_TIMEOUT);
          if (next.isEmpty()) {
            Duration idle = Duration.ofNanos(System.nanoTime() - lastBatchNanos);
            if (config.idleTimeout() != null && idle.compareTo(config.idleTimeout()) >= 0) {
              LOG.info("no new examples for {}: stopping", config.idleTimeout());
              reason = TrainResult.StopReason.IDLE;
              break;
            }
            continue;
          }
          long computeStarted = System.nanoTime();
          long waited = computeStarted - Math.max(waitStarted, lastBatchNanos);
          Batch batch = next.get();
          step++;
          StepOutcome outcome = session.train(batch, step, config.seed());
          long computed = System.nanoTime() - computeStarted;
          lastBatchNanos = System.nanoTime();
          position = position.after(batch);
          examples += batch.size();
          lastLoss = outcome.loss();
          ledger.append(ledgerEntry(step, batch, outcome));
          listener.stepTrained(step);
          metrics.recordStep(
              step,
              outcome,
              session.learningRate(step),
              batch.tokens(),
              batch.size(),
              computed,
              waited,
              stepsThisRun == 0);
          stepsThisRun++;
          if (step % config.progressEvery() == 0) {
            logProgress(step, outcome);
          }
          if (config.evalEvery() > 0 && step % config.evalEvery() == 0) {
            evaluate(step);
          }
          boolean byStep = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
          boolean byTime =
              config.checkpointInterval() != null
                  && System.nanoTime() - lastCheckpointNanos
                      >= config.checkpointInterval().toNanos();
          if (byStep || byTime) {
            lastCheckpoint = checkpoints.save(session, step, examples, position);
            checkpointedStep = step;
            lastCheckpointNanos = System.nanoTime();
          }
        }
      } catch (RuntimeException e) {
        // A refused example (another tokenizer) or a failed reader: keep what was trained.
        if (step > 0 && step != checkpointedStep) {
          try {
            checkpoints.save(session, step, examples, position);
          } catch (IOException | RuntimeException failed) {
            e.addSuppressed(failed);
          }
        }
        throw e;
      }
      if (step > 0 && step != checkpointedStep) {
        lastCheckpoint = checkpoints.save(session, step, examples, position);
      }
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
          metrics.inputWaitShare());
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

    private Map<String, Object> ledgerEntry(long step, Batch batch, StepOutcome outcome) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("step", step);
      Map<String, long[]> offsets = new LinkedHashMap<>();
      for (Map.Entry<Integer, OffsetRange> range : batch.offsets().entrySet()) {
        offsets.put(
            String.valueOf(range.getKey()),
            new long[] {range.getValue().first(), range.getValue().last()});
      }
      entry.put("offsets", offsets);
      entry.put("examples", batch.size());
      entry.put("loss", outcome.loss());
      return entry;
    }

    private void logProgress(long step, StepOutcome outcome) {
      LOG.info(
          String.format(
              Locale.ROOT,
              "step %d%s loss %.4f (mlm %.4f, nsp %.4f) lr %.2e | %.0f tokens/s %.1f examples/s"
                  + " | input wait %.1f%% | skipped %d",
              step,
              config.maxSteps() > 0 ? "/" + config.maxSteps() : "",
              outcome.loss(),
              outcome.mlmLoss(),
              outcome.nspLoss(),
              session.learningRate(step),
              metrics.tokensPerSecond(),
              metrics.examplesPerSecond(),
              100 * metrics.inputWaitShare(),
              reader.skipped()));
    }

    private void evaluate(long step) throws IOException {
      if (evaluation == null) {
        evaluation = new Evaluation(evalSample.get());
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("step", step);
      if (!evaluation.isEmpty()) {
        Evaluation.Result result = evaluation.run(session.model(), session.manager());
        metrics.recordEval(result);
        entry.put("eval_mlm_loss", result.mlmLoss());
        entry.put("eval_mlm_accuracy", result.mlmAccuracy());
        entry.put("eval_nsp_accuracy", result.nspAccuracy());
        entry.put("eval_examples", result.examples());
        LOG.info(
            String.format(
                Locale.ROOT,
                "eval at step %d: mlm loss %.4f, mlm accuracy %.3f, nsp accuracy %.3f (%d"
                    + " examples)",
                step,
                result.mlmLoss(),
                result.mlmAccuracy(),
                result.nspAccuracy(),
                result.examples()));
      }
      FillMask fillMask = new FillMask(session.model(), tokenizer);
      Map<String, Object> probes = new LinkedHashMap<>();
      for (String probe : config.probes()) {
        List<List<FillMask.Guess>> guesses =
            fillMask.predict(session.manager(), probe, config.topK());
        probes.put(probe, guesses);
        for (List<FillMask.Guess> atMask : guesses) {
          LOG.info("probe \"{}\": {}", probe, FillMask.format(atMask));
        }
      }
      if (!probes.isEmpty()) {
        entry.put("probes", probes);
      }
      metricsLog.append(entry);
    }
  }
}
