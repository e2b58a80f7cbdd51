package io.bertstream.trainer;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.OpsServer;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.Topics;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.checkpoint.CheckpointProtocol;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.ResumeCheck;
import io.bertstream.trainer.checkpoint.ResumePoint;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.dashboard.Dashboard;
import io.bertstream.trainer.evaluation.EvalSets;
import io.bertstream.trainer.evaluation.Evaluator;
import io.bertstream.trainer.huggingface.HuggingFaceConfig;
import io.bertstream.trainer.huggingface.ImportReport;
import io.bertstream.trainer.input.BatchBuilder;
import io.bertstream.trainer.input.EvalSampleReader;
import io.bertstream.trainer.input.ExampleConsumers;
import io.bertstream.trainer.input.ExampleReader;
import io.bertstream.trainer.input.ExampleValidator;
import io.bertstream.trainer.input.OffsetCommitter;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.tensorboard.TensorBoardListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrains BERT from the examples topic. This class wires the parts, in the order of DJL's
 * examples — configuration, model, trainer, loop: it finds the newest checkpoint (or starts from
 * the {@code --init-from} directory, or from the seed), checks that the run may continue from it,
 * builds the {@link TrainingSession} (model and optimizer), the journals, the reader and the {@link
 * CheckpointProtocol}, and hands them to the {@link TrainingLoop}. A run ends at --max-steps, when
 * --time-budget is spent, at --idle-timeout or on {@link #stop()}, always with a final checkpoint;
 * the command line calls {@link #stop()} on SIGTERM/SIGINT.
 */
public final class TrainerService {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
  private static final Duration EVAL_READ_TIMEOUT = Duration.ofSeconds(30);

  private volatile boolean stopRequested;
  private volatile boolean ready;
  private volatile int opsPort = -1;

  /**
   * Asks a running (or starting) {@link #run} to finish its step, write a final checkpoint and
   * return. Safe from any thread, e.g. a shutdown hook; the caller waits for {@link #run} to
   * return.
   */
  public void stop() {
    if (!stopRequested) {
      LOG.info("stop requested: finishing the current step and writing a final checkpoint");
    }
    stopRequested = true;
  }

  /** Whether training has started (the model is loaded and the reader is running). */
  public boolean isReady() {
    return ready;
  }

  /**
   * The port of the dashboard ({@code /}), {@code /metrics} and {@code /health} while {@link #run}
   * runs with them on, else -1.
   */
  public int opsPort() {
    return opsPort;
  }

  public TrainResult run(TrainerConfig config) throws IOException, InterruptedException {
    return run(config, TrainingListener.NONE);
  }

  public TrainResult run(TrainerConfig config, TrainingListener listener)
      throws IOException, InterruptedException {
    CheckpointStore store = new CheckpointStore(config.checkpointDir(), config.keep());
    store.removeIncomplete();
    Optional<StoredCheckpoint> resume = store.latest();
    ResumePoint start = resume.map(ResumePoint::after).orElseGet(ResumePoint::beginning);
    if (resume.isPresent() && config.initFrom() != null) {
      LOG.info(
          "checkpoint {} wins over --init-from {}: resuming from it",
          resume.get().directory(),
          config.initFrom());
    }
    Topics topics = Topics.create(config.connection());
    String topic = topics.examples().name();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The init directory opens first: a model that cannot be used is the clearer refusal.
    try (InitFrom init =
            resume.isEmpty() && config.initFrom() != null
                ? InitFrom.open(config.initFrom())
                : null;
        BertTokenizer tokenizer = BertTokenizer.load(config.tokenizer())) {
      if (resume.isPresent()) {
        ResumeCheck.requireCompatible(resume.get(), tokenizer.fingerprint(), topic);
      }
      BertConfig modelConfig = modelConfig(config, tokenizer, resume, init);
      ExampleValidator validator =
          new ExampleValidator(
              tokenizer.fingerprint(), tokenizer.vocabSize(), modelConfig.maxPositions());
      BatchBuilder builder = new BatchBuilder(tokenizer.padId());
      Deserializer<PretrainingExample> values = topics.examples().valueSerde().deserializer();
      try (TrainingSession session =
              TrainingSession.create(
                  modelConfig,
                  config.optimization(),
                  config.maxSteps(),
                  config.timeBudget() != null,
                  config.seed());
          Journals journals = Journals.open(config.checkpointDir(), start.step());
          OffsetCommitter committer =
              new OffsetCommitter(
                  ExampleConsumers.committer(config.connection(), config.groupId()), topic);
          ExampleReader reader =
              new ExampleReader(
                  ExampleConsumers.examples(config.connection(), values, "bertstream-trainer"),
                  topic,
                  start.input(),
                  config.batchSize(),
                  config.prefetch(),
                  config.epochs(),
                  validator,
                  builder,
                  registry);
          EvalSets evalSets =
              new EvalSets(
                  new EvalSampleReader(
                      config.connection(), topics.examplesEval(), validator, EVAL_READ_TIMEOUT),
                  config.evalExamples(),
                  config.growEvalSet(),
                  config.evalRecent(),
                  start.progress().evalSet(),
                  config.batchSize(),
                  builder)) {
        String initFrom;
        Optional<ImportReport> imported = Optional.empty();
        if (resume.isPresent()) {
          session.restore(resume.get());
          initFrom = resume.get().manifest().initFrom();
          LOG.info(
              "resumed from {} (step {}, {} examples)",
              resume.get().directory(),
              start.step(),
              start.examples());
        } else if (init != null) {
          ImportReport report = init.load(session);
          imported = Optional.of(report);
          initFrom = init.directory().toString();
          LOG.info(
              "starting from {}: {} tensors loaded, {} fresh{}",
              init.directory(),
              report.loaded().size(),
              report.fresh().size(),
              report.fresh().isEmpty() ? "" : " (initialised from seed " + config.seed() + ")");
        } else {
          initFrom = null;
          LOG.info(
              "starting from scratch: {} preset, seed {}", config.presetOrDefault(), config.seed());
        }
        // Opened once the model is in place: a run refused at its start (an incompatible
        // checkpoint, a model that cannot load) leaves no event file.
        try (TensorBoardListener tensorboard = tensorboard(config, start.step() + 1)) {
          TrainingListener listeners =
              tensorboard == null ? listener : ListenerChain.of(tensorboard, listener);
          CheckpointProtocol checkpoints =
              new CheckpointProtocol(
                  store,
                  modelConfig,
                  tokenizer,
                  initFrom,
                  topic,
                  config.seed(),
                  committer,
                  journals,
                  listeners);
          Evaluator evaluator = new Evaluator(evalSets, tokenizer, config.probes(), config.topK());
          TrainingLoop loop =
              new TrainingLoop(
                  config,
                  session,
                  reader,
                  journals,
                  checkpoints,
                  evaluator,
                  registry,
                  listeners,
                  () -> stopRequested);
          reader.start();
          try (OpsServer ops =
              config.ops().enabled()
                  ? OpsServer.start(
                      config.ops(),
                      registry,
                      this::isReady,
                      Dashboard.of(config.checkpointDir())::addTo)
                  : null) {
            opsPort = ops == null ? -1 : ops.port();
            if (ops != null) {
              LOG.info(
                  "dashboard: http://{}:{}/ (the run's history: /api/history)",
                  browsable(config.ops().host()),
                  ops.port());
            }
            ready = true;
            return loop.run(start, imported);
          } finally {
            ready = false;
            opsPort = -1;
          }
        }
      }
    }
  }

  /** A host for a URL to the ops server bound to {@code host}: localhost for every interface. */
  private static String browsable(String host) {
    return host.equals(OpsSettings.ALL_INTERFACES) ? "localhost" : host;
  }

  /** The run's TensorBoard log, starting at {@code firstStep}; null when it is turned off. */
  private static TensorBoardListener tensorboard(TrainerConfig config, long firstStep)
      throws IOException {
    if (config.tensorboardDir() == null) {
      return null;
    }
    TensorBoardListener tensorboard = TensorBoardListener.open(config.tensorboardDir(), firstStep);
    LOG.info(
        "TensorBoard log: {} (see it with: tensorboard --logdir {})",
        tensorboard.file(),
        config.tensorboardDir());
    return tensorboard;
  }

  private static BertConfig modelConfig(
      TrainerConfig config,
      BertTokenizer tokenizer,
      Optional<StoredCheckpoint> resume,
      InitFrom init)
      throws IOException {
    if (resume.isPresent()) {
      // The checkpoint's shape wins: flags cannot change a model mid-training.
      return HuggingFaceConfig.read(resume.get().file(CheckpointFiles.CONFIG)).bert();
    }
    if (init != null) {
      return init.modelConfig(config, tokenizer);
    }
    return config.overrides().apply(config.presetOrDefault(), tokenizer.vocabSize());
  }
}
