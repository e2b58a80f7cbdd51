package io.bertstream.cli;

import io.bertstream.cli.report.RunReport;
import io.bertstream.ingestor.IngestResult;
import io.bertstream.ingestor.KafkaIngest;
import io.bertstream.ingestor.source.CorpusTexts;
import io.bertstream.local.LocalStack;
import io.bertstream.local.ProjectTopics;
import io.bertstream.runtime.Durations;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.LiveConsole;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.OutputMode;
import io.bertstream.runtime.Progress;
import io.bertstream.runtime.Topics;
import io.bertstream.stream.BertWordPieces;
import io.bertstream.stream.StreamTopics;
import io.bertstream.stream.TokenizerStream;
import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.train.VocabTraining;
import io.bertstream.tokenizer.train.VocabTrainingResult;
import io.bertstream.trainer.TrainResult;
import io.bertstream.trainer.TrainerConfig;
import io.bertstream.trainer.TrainerService;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.history.Baseline;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.inference.SavedModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quickstart's story, one step a method: stack, vocabulary, stream, baseline, trainer (with its
 * live dashboard), documents, training, predictions, report. Each service runs in this process
 * exactly as its own command runs it; their logs go to a file in the data dir ({@link
 * QuickstartLog}), and the console holds the story, one progress line for training ({@link
 * TrainingProgress}) and the problems.
 */
final class Quickstart {

  private static final Logger LOG = LoggerFactory.getLogger(Quickstart.class);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

  /** How often the training line is refreshed from the trainer's newest report. */
  private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);

  private static final Duration STOP_GRACE = Duration.ofMinutes(2);
  private static final int KEEP_CHECKPOINTS = TrainerConfig.defaults().keep();
  private static final int TOP_K = FillMask.DEFAULT_TOP_K;

  /** The dashboard is for the person at this machine. */
  private static final String LOOPBACK = "127.0.0.1";

  private final QuickstartConfig config;
  private final LiveConsole console;
  private final long startNanos = System.nanoTime();

  /** The story on {@code out}, with a live training line when it is a terminal. */
  Quickstart(QuickstartConfig config, PrintWriter out) {
    this(config, LiveConsole.of(out, OutputMode.detect()));
  }

  Quickstart(QuickstartConfig config, LiveConsole console) {
    this.config = config;
    this.console = console;
  }

  /** What a run did; the end-to-end test reads it. */
  record Outcome(
      boolean resumed,
      long resumedFromStep,
      long documentsPublished,
      long examplesProduced,
      TrainResult training) {}

  Outcome run() throws Exception {
    Files.createDirectories(config.dataDir());
    try (QuickstartLog log = QuickstartLog.start(config.logFile(), this::say)) {
      say("logs", "service logs go to " + config.logFile());
      return pipeline();
    }
  }

  private Outcome pipeline() throws Exception {
    ShutdownSignal signal = ShutdownSignal.install("quickstart");
    try (Stack stack = stack()) {
      QuickstartServices services = new QuickstartServices(config, stack.connection());
      Path tokenizerFile = vocabulary(services);
      try (BertTokenizer tokenizer = BertTokenizer.load(tokenizerFile);
          TokenizerStream stream = stream(services, tokenizer)) {
        UnigramBaseline baseline = baseline(tokenizer);
        Optional<StoredCheckpoint> resume =
            new CheckpointStore(config.checkpointDir(), KEEP_CHECKPOINTS).latest();
        long resumedFrom = resume.map(StoredCheckpoint::step).orElse(0L);
        Duration trainedBefore =
            resume
                .map(c -> c.manifest().trainingMs())
                .map(Duration::ofMillis)
                .orElse(Duration.ZERO);
        TrainerService trainer = new TrainerService();
        TrainingProgress progress =
            new TrainingProgress(trainedBefore, config.budget(), config.totalSteps(resumedFrom));
        signal.onSignal(
            () -> {
              say("trainer", "stopping on signal");
              trainer.stop();
            });
        ExecutorService trainerThread =
            Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "trainer"));
        try {
          TrainerConfig trainerConfig = services.trainer(resumedFrom, trainedBefore, dashboard());
          Future<TrainResult> training =
              trainerThread.submit(() -> trainer.run(trainerConfig, progress));
          say(
              "trainer",
              resume
                  .map(
                      c ->
                          "resuming from the checkpoint of step "
                              + c.step()
                              + " ("
                              + c.directory()
                              + ")")
                  .orElse("starting from scratch: " + config.preset() + " preset"));
          say("trainer", "curves: tensorboard --logdir " + trainerConfig.tensorboardDir());
          long published = ingest(services);
          TrainResult result = awaitTraining(training, trainer, stream, progress);
          say(
              "trainer",
              String.format(
                  Locale.ROOT,
                  "stopped (%s) at step %d after %d steps this run; last loss %.3f; %.0f tokens/s;"
                      + " input wait %.1f%%",
                  result.reason().name().toLowerCase(Locale.ROOT),
                  result.step(),
                  result.stepsThisRun(),
                  result.lastLoss(),
                  result.tokensPerSecond(),
                  100 * result.inputWaitShare()));
          reportEvaluation(result, baseline);
          predict(result);
          report();
          done(result);
          return new Outcome(
              resume.isPresent(), resumedFrom, published, stream.examplesProduced(), result);
        } finally {
          trainerThread.shutdownNow();
        }
      }
    } finally {
      signal.done();
    }
  }

  private Stack stack() {
    KafkaConnection connection = config.connection();
    if (!config.embedded()) {
      try (Admin admin = Admin.create(connection.clientConfig())) {
        ProjectTopics.create(admin, connection.topics(), ProjectTopics.DEFAULT_PARTITIONS);
      }
      say(
          "stack",
          "using kafka "
              + connection.bootstrapServers()
              + ", registry "
              + connection.schemaRegistryUrl());
      return new Stack(null, connection);
    }
    say("stack", "starting the embedded Kafka broker and schema registry in " + config.stackDir());
    LocalStack local =
        LocalStack.start(
            LocalStack.Config.defaults(config.stackDir()).withKafkaPort(0).withRegistryPort(0),
            connection.topics());
    say(
        "stack",
        "kafka " + local.bootstrapServers() + ", schema registry " + local.schemaRegistryUrl());
    return new Stack(
        local, connection.withEndpoints(local.bootstrapServers(), local.schemaRegistryUrl()));
  }

  private Path vocabulary(QuickstartServices services) throws IOException {
    Path tokenizer = config.tokenizerJson();
    if (Files.exists(tokenizer)) {
      say("vocabulary", "using " + tokenizer + " from an earlier run");
      return tokenizer;
    }
    say(
        "vocabulary",
        "training a " + config.vocabSize() + "-token WordPiece vocabulary on " + config.corpus());
    CorpusTexts corpus = services.corpus();
    VocabTrainingResult result = VocabTraining.run(services.vocabTraining(), List.of(corpus::read));
    say(
        "vocabulary",
        String.format(
            Locale.ROOT,
            "%d tokens from %,d words (%,d distinct) in %s; fingerprint %s",
            result.vocabSize(),
            result.words(),
            result.wordTypes(),
            seconds(result.counting().plus(result.merging())),
            result.fingerprint()));
    return tokenizer;
  }

  private TokenizerStream stream(QuickstartServices services, BertTokenizer tokenizer)
      throws InterruptedException {
    TokenizerStreamConfig streamConfig = services.stream();
    TokenizerStream stream =
        TokenizerStream.start(
            streamConfig,
            new BertWordPieces(tokenizer),
            StreamTopics.from(Topics.create(streamConfig.connection())),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    if (!stream.awaitRunning(Duration.ofMinutes(2))) {
      stream.close();
      throw new IllegalStateException("tokenizer-stream did not reach RUNNING within 2 minutes");
    }
    say("tokenizer-stream", "running: documents → sentence pairs → masked examples");
    return stream;
  }

  /** Publishes the corpus unless an earlier run on this data dir already did. */
  private long ingest(QuickstartServices services) throws IOException {
    KafkaConnection connection = services.connection();
    Properties marker = new Properties();
    Path markerFile = config.ingestedMarker();
    String corpusKey = config.corpus().toAbsolutePath() + ":" + Files.size(config.corpus());
    if (Files.exists(markerFile)) {
      try (Reader reader = Files.newBufferedReader(markerFile, StandardCharsets.UTF_8)) {
        marker.load(reader);
      }
      if (corpusKey.equals(marker.getProperty("corpus"))) {
        say(
            "ingestor",
            "the corpus was published by an earlier run ("
                + marker.getProperty("documents")
                + " documents); not publishing it again");
        return 0;
      }
    }
    say("ingestor", "publishing " + config.corpus() + " to " + connection.topics().docs());
    IngestResult result =
        KafkaIngest.ingest(services.ingest(), connection, InputStream.nullInputStream());
    say("ingestor", result.summary());
    if (result.exitCode() != 0) {
      throw new IllegalStateException("some documents could not be published: " + result.summary());
    }
    marker.setProperty("corpus", corpusKey);
    marker.setProperty("documents", Long.toString(result.published()));
    try (Writer writer = Files.newBufferedWriter(markerFile, StandardCharsets.UTF_8)) {
      marker.store(writer, "documents published by bertstream quickstart");
    }
    return result.published();
  }

  /**
   * Shows the training line while training runs, and logs the stream's progress. The trainer stops
   * itself when its time budget is spent; should it not have stopped well after that (its start is
   * not counted), it is asked to.
   */
  private TrainResult awaitTraining(
      Future<TrainResult> training,
      TrainerService trainer,
      TokenizerStream stream,
      TrainingProgress progress)
      throws InterruptedException, IOException {
    try (Progress line = Progress.on(console, "training", Progress.Unit.SECONDS, REPORT_EVERY)) {
      TrainResult result = await(training, trainer, stream, progress, line);
      // The last report, whose evaluation a refresh may not have caught.
      progress.refresh(line);
      return result;
    }
  }

  private TrainResult await(
      Future<TrainResult> training,
      TrainerService trainer,
      TokenizerStream stream,
      TrainingProgress progress,
      Progress line)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + config.budget().plus(STOP_GRACE).toNanos();
    long lastExamples = 0;
    long lastStreamReport = System.nanoTime();
    boolean dashboardShown = false;
    while (true) {
      if (!dashboardShown && trainer.opsPort() > 0) {
        // The port is known once the trainer has started: a free one may have been picked.
        say(
            "dashboard",
            "http://localhost:" + trainer.opsPort() + "/ (live curves while it trains)");
        dashboardShown = true;
      }
      try {
        long wait = Math.min(REFRESH_EVERY.toNanos(), Math.max(1, deadline - System.nanoTime()));
        return unwrap(training, wait);
      } catch (TimeoutException e) {
        progress.refresh(line);
        long now = System.nanoTime();
        if (now - lastStreamReport >= REPORT_EVERY.toNanos()) {
          long examples = stream.examplesProduced();
          LOG.info(
              "tokenizer-stream: {} examples produced ({}/s)",
              String.format(Locale.ROOT, "%,d", examples),
              String.format(
                  Locale.ROOT, "%.1f", (examples - lastExamples) * 1e9 / (now - lastStreamReport)));
          lastExamples = examples;
          lastStreamReport = now;
        }
        if (now >= deadline) {
          say(
              "trainer",
              "still training " + Durations.format(STOP_GRACE) + " after the budget: stopping");
          trainer.stop();
          try {
            return unwrap(training, TimeUnit.MINUTES.toNanos(5));
          } catch (TimeoutException stuck) {
            throw new IllegalStateException("the trainer did not stop within 5 minutes", stuck);
          }
        }
      }
    }
  }

  private static TrainResult unwrap(Future<TrainResult> training, long waitNanos)
      throws InterruptedException, TimeoutException, IOException {
    try {
      return training.get(waitNanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(
          "training failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * The corpus's unigram baseline, written to the checkpoint directory ({@link Baseline#FILE}) so
   * that the dashboard and the report draw it under the eval curve.
   */
  private UnigramBaseline baseline(BertTokenizer tokenizer) throws IOException {
    UnigramBaseline baseline = UnigramBaseline.of(config.corpus(), tokenizer);
    new Baseline(
            baseline.loss(),
            String.format(
                Locale.ROOT,
                "unigram, always predicting the corpus's token frequencies (%,d tokens)",
                baseline.tokens()))
        .write(config.checkpointDir());
    say(
        "baseline",
        String.format(
            Locale.ROOT,
            "unigram masked-LM loss %.3f (%,d tokens of the corpus): the eval loss to beat",
            baseline.loss(),
            baseline.tokens()));
    return baseline;
  }

  /** The trainer's ops server on this machine; a default port that is taken gives way. */
  private OpsSettings dashboard() {
    int port = config.dashboardPort();
    if (port < 0) {
      return OpsSettings.OFF;
    }
    if (port > 0 && !free(port)) {
      say("dashboard", "port " + port + " is taken: serving on a free port");
      port = 0;
    }
    return new OpsSettings(LOOPBACK, port);
  }

  private static boolean free(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The run's last evaluation, next to the unigram baseline. */
  private void reportEvaluation(TrainResult result, UnigramBaseline baseline) {
    Optional<EvalEntry> last = result.lastEvaluation();
    Optional<EvalScores> scores = last.flatMap(EvalEntry::scores);
    if (scores.isEmpty()) {
      return;
    }
    say(
        "evaluation",
        String.format(
            Locale.ROOT,
            "step %d: eval mlm loss %.3f, mlm accuracy %.3f, nsp accuracy %.3f (%d examples);"
                + " unigram baseline %.3f (the loss of always predicting the corpus's token"
                + " frequencies, %,d tokens)",
            last.get().step(),
            scores.get().mlmLoss(),
            scores.get().mlmAccuracy(),
            scores.get().nspAccuracy(),
            scores.get().examples(),
            baseline.loss(),
            baseline.tokens()));
  }

  private void predict(TrainResult result) throws IOException {
    if (result.checkpoint() == null) {
      say("fill-mask", "no checkpoint was written; nothing to predict with");
      return;
    }
    try (SavedModel saved = SavedModel.load(result.checkpoint())) {
      FillMask fillMask = new FillMask(saved.model(), saved.tokenizer());
      for (String probe : config.probes()) {
        List<List<FillMask.Guess>> guesses = fillMask.predict(saved.manager(), probe, TOP_K);
        say("fill-mask", probe);
        for (List<FillMask.Guess> guess : guesses) {
          console.println("      [MASK] → " + FillMask.format(guess));
        }
      }
    }
  }

  /** The run's curves as pictures: report.html and loss.png in the checkpoint directory. */
  private void report() throws IOException {
    try {
      RunReport.Written written =
          RunReport.write(
              config.checkpointDir(), config.checkpointDir(), Bertstream.Version.line());
      say("report", written.html() + " (open it in a browser)");
      say("report", written.png().toString());
    } catch (NoSuchFileException e) {
      say("report", "no step trained yet: no curves to draw");
    }
  }

  private void done(TrainResult result) {
    if (result.checkpoint() == null) {
      return;
    }
    say("done", "checkpoint: " + result.checkpoint());
    say(
        "done",
        "try: ./bertstream fill-mask --checkpoint "
            + result.checkpoint()
            + " \"The [MASK] of the Union is strong.\"");
  }

  /** A line of the story; also a problem from the logs, with its level for a step. Any thread. */
  private void say(String step, String message) {
    long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    console.println(
        String.format(Locale.ROOT, "[%6s] %-16s %s", Durations.human(elapsed), step, message));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** The embedded stack, or nothing to close when an external cluster is used. */
  private record Stack(LocalStack local, KafkaConnection connection) implements AutoCloseable {
    @Override
    public void close() {
      if (local != null) {
        local.close();
      }
    }
  }
}
