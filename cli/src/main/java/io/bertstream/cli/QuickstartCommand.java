package io.bertstream.cli;

import io.bertstream.runtime.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bertstream quickstart}: the whole pipeline on one machine, in one command. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline in this process and tells the story as it happens: starts the"
          + " embedded Kafka broker and schema registry, trains a WordPiece vocabulary on the"
          + " corpus (once), runs tokenizer-stream and the trainer, publishes the corpus, trains"
          + " for the time budget, and ends with fill-mask predictions and the checkpoint's path.",
      "Run it again on the same --data-dir and training resumes from the last checkpoint and"
          + " its committed offsets."
    })
final class QuickstartCommand implements Callable<Integer> {

  static final List<String> DEFAULT_PROBES =
      List.of(
          "The [MASK] of the Union is strong.",
          "We must protect the rights of every [MASK].",
          "Congress shall [MASK] the budget this year.");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--corpus",
      defaultValue = "corpora/sotu.jsonl.gz",
      description =
          "JSON lines (a text field per line, .gz allowed) or text files to pretrain on"
              + " (default: ${DEFAULT-VALUE}, the State of the Union addresses 1790-2016).")
  Path corpus;

  @Option(
      names = "--data-dir",
      defaultValue = ".bertstream",
      description =
          "Where the run keeps everything; reuse it to resume (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--minutes",
      defaultValue = "10",
      description = "Training time of this run, in minutes (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(
      names = "--max-steps",
      defaultValue = "0",
      description =
          "Stop after this many steps of this run, if sooner than --minutes (0: no limit).")
  long maxSteps;

  @Option(
      names = "--preset",
      defaultValue = "mini",
      description = "Model size: tiny, mini, small or base (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(
      names = "--vocab-size",
      defaultValue = "8192",
      description =
          "Vocabulary size when the tokenizer is trained; small trains faster on a laptop"
              + " (default: ${DEFAULT-VALUE}).")
  int vocabSize;

  @Option(
      names = "--max-seq-length",
      defaultValue = "128",
      description = "Example length in tokens (default: ${DEFAULT-VALUE}).")
  int maxSeqLength;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--learning-rate",
      defaultValue = "5e-4",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--warmup-steps",
      defaultValue = "40",
      description = "Learning-rate warm-up (default: ${DEFAULT-VALUE}).")
  long warmupSteps;

  @Option(
      names = "--eval-every",
      defaultValue = "50",
      description = "Steps between evaluations and probe predictions (default: ${DEFAULT-VALUE}).")
  long evalEvery;

  @Option(
      names = "--probe",
      paramLabel = "TEXT",
      description = "A sentence with [MASK] to watch (repeatable; default: three SOTU-style ones).")
  List<String> probes;

  @Option(
      names = "--bootstrap-servers",
      description = "Use this Kafka cluster instead of starting the embedded one.")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      description = "Use this schema registry (with --bootstrap-servers).")
  String schemaRegistryUrl;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(corpus)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "corpus not found: " + corpus + " (run from the repository root, or give --corpus FILE)");
    }
    if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--bootstrap-servers and --schema-registry-url go together (or neither: embedded)");
    }
    QuickstartConfig config;
    try {
      config =
          new QuickstartConfig(
              corpus,
              dataDir,
              Optional.ofNullable(bootstrapServers)
                  .map(servers -> new QuickstartConfig.External(servers, schemaRegistryUrl)),
              Durations.parse(Math.round(minutes * 60) + "s"),
              maxSteps,
              preset,
              vocabSize,
              maxSeqLength,
              batchSize,
              learningRate,
              warmupSteps,
              evalEvery,
              probes == null ? DEFAULT_PROBES : probes);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    new Quickstart(config, spec.commandLine().getOut()).run();
    return 0;
  }
}
