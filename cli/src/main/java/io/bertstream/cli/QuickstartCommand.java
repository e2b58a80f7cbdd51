package io.bertstream.cli;

import io.bertstream.runtime.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bertstream quickstart}: the whole pipeline on one machine, in one command. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline in this process and tells the story as it happens: starts the"
          + " embedded Kafka broker and schema registry, trains a WordPiece vocabulary on the"
          + " corpus (once), runs tokenizer-stream and the trainer, publishes the corpus, trains"
          + " for the time budget, and ends with fill-mask predictions, the loss curves"
          + " (report.html, loss.png) and the checkpoint's path. While it trains, the live"
          + " dashboard is at the URL it prints (--dashboard-port).",
      "Run it again on the same --data-dir and training resumes from the last checkpoint and"
          + " its committed offsets.",
      "Set --bootstrap-servers (flag, BERTSTREAM_BOOTSTRAP_SERVERS or --config file) to use an"
          + " existing cluster and registry instead of the embedded ones; every service then"
          + " connects with the same client properties (SASL, TLS, -X) as the other commands."
    })
final class QuickstartCommand implements Callable<Integer> {

  /** Where every option's default comes from. */
  private static final QuickstartConfig DEFAULTS = QuickstartConfig.defaults();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--corpus",
      description =
          "JSON lines (a text field per line, .gz allowed) or text files to pretrain on"
              + " (default: ${DEFAULT-VALUE}, the State of the Union addresses 1790-2016).")
  Path corpus = DEFAULTS.corpus();

  @Option(
      names = "--data-dir",
      description =
          "Where the run keeps everything; reuse it to resume (default: ${DEFAULT-VALUE}).")
  Path dataDir = DEFAULTS.dataDir();

  @Option(
      names = "--time-budget",
      paramLabel = "DURATION",
      description =
          "Training time of this run, e.g. 10m or 90s: the trainer's --time-budget, counted on"
              + " from the training time of the checkpoint it resumes; a decaying --schedule ends"
              + " with it (default: ${DEFAULT-VALUE}).")
  String timeBudget = DurationFlag.format(DEFAULTS.budget());

  /** The older name of {@code --time-budget}, in minutes; hidden, kept for scripts. */
  @Option(names = "--minutes", hidden = true)
  Double minutes;

  @Option(
      names = "--max-steps",
      description =
          "Stop at this step in total, counting the steps of earlier runs on the same --data-dir,"
              + " as train's --max-steps (default: ${DEFAULT-VALUE} = no limit).")
  long maxSteps = DEFAULTS.maxSteps();

  @Option(
      names = "--steps-this-run",
      description =
          "Stop after this many steps of this run, if sooner than --minutes and --max-steps"
              + " (default: ${DEFAULT-VALUE} = no limit).")
  long stepsThisRun = DEFAULTS.stepsThisRun();

  @Option(
      names = "--preset",
      description = "Model size: tiny, mini, small or base (default: ${DEFAULT-VALUE}).")
  String preset = DEFAULTS.preset();

  @Option(
      names = "--vocab-size",
      description =
          "Vocabulary size when the tokenizer is trained; small trains faster on a laptop"
              + " (default: ${DEFAULT-VALUE}).")
  int vocabSize = DEFAULTS.vocabSize();

  @Option(
      names = "--max-seq-length",
      description = "Example length in tokens (default: ${DEFAULT-VALUE}).")
  int maxSeqLength = DEFAULTS.maxSeqLength();

  @Option(
      names = "--masked-lm-prob",
      description = "Share of tokens masked in each example (default: ${DEFAULT-VALUE}).")
  double maskedLmProb = DEFAULTS.maskedLmProb();

  @Option(
      names = "--seed",
      description =
          "Seeds the stream's pairing and masking and the model's initialisation, so two runs"
              + " with the same settings see the same examples (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed();

  @Option(
      names = "--dupe-factor",
      paramLabel = "N",
      description =
          "Differently masked copies the stream makes of every training document (the original"
              + " BERT recipe's dupe_factor): N times the examples per pass over the corpus, and N"
              + " times the stream's work and topic space (default: ${DEFAULT-VALUE}).")
  int dupeFactor = DEFAULTS.dupeFactor();

  @Option(
      names = "--batch-size",
      description =
          "Examples per micro-batch, per step unless --accumulate (default: ${DEFAULT-VALUE}).")
  int batchSize = DEFAULTS.batchSize();

  @Option(
      names = "--accumulate",
      description =
          "Micro-batches whose gradients make one optimizer step: the effective batch is"
              + " --batch-size × this (default: ${DEFAULT-VALUE}).")
  int accumulate = DEFAULTS.accumulate();

  @Option(
      names = "--epochs",
      description =
          "Passes over the examples; the last follows the topic while training lasts, 0 = passes"
              + " without end (default: ${DEFAULT-VALUE}).")
  int epochs = DEFAULTS.epochs();

  @Option(
      names = "--learning-rate",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate = DEFAULTS.learningRate();

  @Option(
      names = "--warmup-steps",
      description = "Learning-rate warm-up (default: ${DEFAULT-VALUE}).")
  long warmupSteps = DEFAULTS.warmupSteps();

  @Option(
      names = "--schedule",
      description =
          "Learning rate after warm-up: constant, linear or cosine (decay to 0 when the time"
              + " budget ends), inverse-sqrt (default: ${DEFAULT-VALUE}).")
  String schedule = DEFAULTS.schedule();

  @Option(
      names = "--eval-every",
      description = "Steps between evaluations and probe predictions (default: ${DEFAULT-VALUE}).")
  long evalEvery = DEFAULTS.evalEvery();

  @Option(
      names = "--probe",
      paramLabel = "TEXT",
      description = "A sentence with [MASK] to watch (repeatable; default: three SOTU-style ones).")
  List<String> probes = new ArrayList<>();

  @Option(
      names = "--dashboard-port",
      paramLabel = "PORT",
      description =
          "Port of the trainer's live dashboard, http://localhost:PORT/ (loss and eval curves,"
              + " throughput, input wait, lag, probes); a port that is taken gives way to a free"
              + " one, 0 picks a free one, -1 serves none (default: ${DEFAULT-VALUE}).")
  int dashboardPort = DEFAULTS.dashboardPort();

  @Override
  public Integer call() throws Exception {
    QuickstartConfig config = config();
    if (!Files.exists(config.corpus())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "corpus not found: " + corpus + " (run from the repository root, or give --corpus FILE)");
    }
    if (!config.embedded()) {
      kafka.checkedConnection();
    }
    new Quickstart(config, spec.commandLine().getOut()).run();
    return 0;
  }

  /** {@code --time-budget}, or the deprecated {@code --minutes} when given. */
  private Duration budget() {
    if (minutes != null) {
      return Duration.ofMillis(Math.round(minutes * 60_000));
    }
    return DurationFlag.parse(spec, timeBudget);
  }

  /**
   * The run these options describe: on the embedded stack unless {@code --bootstrap-servers} is
   * set, always with the Kafka options' topic prefix and client properties.
   */
  QuickstartConfig config() {
    boolean external = kafka.isSet(KafkaOptions.BOOTSTRAP_SERVERS);
    if (!external && kafka.isSet(KafkaOptions.SCHEMA_REGISTRY_URL)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--schema-registry-url needs --bootstrap-servers (the embedded stack runs its own"
              + " registry)");
    }
    KafkaConnection connection = kafka.connection();
    QuickstartConfig.Builder builder = QuickstartConfig.builder();
    try {
      return (external ? builder.external(connection) : builder.embedded(connection))
          .corpus(corpus)
          .dataDir(dataDir)
          .budget(budget())
          .maxSteps(maxSteps)
          .stepsThisRun(stepsThisRun)
          .preset(preset)
          .vocabSize(vocabSize)
          .maxSeqLength(maxSeqLength)
          .maskedLmProb(maskedLmProb)
          .seed(seed)
          .dupeFactor(dupeFactor)
          .batchSize(batchSize)
          .accumulate(accumulate)
          .epochs(epochs)
          .learningRate(learningRate)
          .warmupSteps(warmupSteps)
          .schedule(schedule)
          .evalEvery(evalEvery)
          .probes(probes.isEmpty() ? DEFAULTS.probes() : probes)
          .dashboardPort(dashboardPort)
          .build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
