package io.bertstream.cli;

import io.bertstream.trainer.ModelOverrides;
import io.bertstream.trainer.TrainResult;
import io.bertstream.trainer.TrainerConfig;
import io.bertstream.trainer.TrainerService;
import io.bertstream.trainer.input.TokenizerMismatchException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bertstream train}: pretrain BERT from the examples topic, resumable at any instant. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Pretrain BERT (masked LM + next sentence) from <prefix>.examples, on a GPU when "
            + "the engine sees one, else on the CPU. Resumes from the newest checkpoint in "
            + "--checkpoint-dir: killed at any instant and restarted, it trains on exactly the "
            + "examples an uninterrupted run would have, in the same order, to the same "
            + "weights. SIGTERM/SIGINT write a final checkpoint.")
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--tokenizer",
      required = true,
      paramLabel = "PATH",
      description =
          "Tokenizer that produced the examples: tokenizer.json, vocab.txt or a HuggingFace"
              + " model directory.")
  Path tokenizer;

  @Option(
      names = "--checkpoint-dir",
      required = true,
      paramLabel = "DIR",
      description =
          "Checkpoints (step-NNNNNNNNNN/), ledger.jsonl and metrics.jsonl; resumes from the"
              + " newest checkpoint here.")
  Path checkpointDir;

  @Option(
      names = "--preset",
      defaultValue = "mini",
      description = "Model size: tiny, mini, small or base (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--layers", description = "Encoder layers (default: the preset's).")
  Integer layers;

  @Option(names = "--hidden-size", description = "Hidden size (default: the preset's).")
  Integer hidden;

  @Option(names = "--heads", description = "Attention heads (default: the preset's).")
  Integer heads;

  @Option(
      names = "--intermediate-size",
      description = "Feed-forward width (default: the preset's).")
  Integer intermediate;

  @Option(
      names = "--max-positions",
      description = "Longest sequence the model accepts (default: the preset's, 512).")
  Integer maxPositions;

  @Option(names = "--dropout", description = "Hidden and attention dropout (default: 0.1).")
  Double dropout;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--max-steps",
      defaultValue = "0",
      description =
          "Stop after this many steps in total; also where the linear schedule reaches 0"
              + " (default: ${DEFAULT-VALUE} = unbounded).")
  long maxSteps;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      description = "Stop after this long without new examples, e.g. 60s (default: never).")
  String idleTimeout;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "1000",
      description =
          "Checkpoint every this many steps, 0 = not by steps (default: ${DEFAULT-VALUE}).")
  long checkpointEvery;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "10m",
      paramLabel = "DURATION",
      description =
          "Also checkpoint when this much time passed since the last one, 0 = not by time"
              + " (default: ${DEFAULT-VALUE}).")
  String checkpointInterval;

  @Option(
      names = "--keep",
      defaultValue = "3",
      description = "Complete checkpoints kept (default: ${DEFAULT-VALUE}).")
  int keep;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Seeds the initial weights and (with the step number) every step's dropout"
              + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--learning-rate",
      defaultValue = "1e-4",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--warmup-steps",
      defaultValue = "1000",
      description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
  long warmupSteps;

  @Option(
      names = "--schedule",
      defaultValue = "auto",
      description =
          "After warm-up: linear (decay to 0 at --max-steps), constant, inverse-sqrt; auto ="
              + " linear with --max-steps, else constant (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--weight-decay",
      defaultValue = "0.01",
      description =
          "AdamW decoupled weight decay, not on biases and LayerNorm (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(
      names = "--max-grad-norm",
      defaultValue = "1.0",
      description = "Clip the global gradient norm, 0 = off (default: ${DEFAULT-VALUE}).")
  double maxGradNorm;

  @Option(
      names = "--eval-every",
      defaultValue = "500",
      description =
          "Evaluate on <prefix>.examples.eval every this many steps, 0 = never"
              + " (default: ${DEFAULT-VALUE}).")
  long evalEvery;

  @Option(
      names = "--eval-examples",
      defaultValue = "256",
      description = "Size of the evaluation sample (default: ${DEFAULT-VALUE}).")
  int evalExamples;

  @Option(
      names = "--probe",
      paramLabel = "TEXT",
      description =
          "A text with [MASK] whose top predictions are printed at each evaluation (repeatable).")
  List<String> probes = new ArrayList<>();

  @Option(
      names = "--top-k",
      defaultValue = "5",
      description = "Predictions shown per probe mask (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(
      names = "--progress-every",
      defaultValue = "10",
      description = "Steps between progress lines (default: ${DEFAULT-VALUE}).")
  long progressEvery;

  @Option(
      names = "--prefetch",
      defaultValue = "4",
      description = "Batches assembled ahead of training (default: ${DEFAULT-VALUE}).")
  int prefetch;

  @Option(
      names = "--group-id",
      description =
          "Consumer group the trained offsets are committed to, for lag monitoring"
              + " (default: <prefix>.trainer).")
  String groupId;

  @Mixin OpsPortOption ops = new OpsPortOption(9403);

  @Option(
      names = "--threads",
      description = "CPU threads for the engine's operators (default: all available processors).")
  Integer threads;

  /** {@code null} for no value or zero ("0", "0s"): the feature is off. */
  private java.time.Duration duration(String text) {
    if (text == null || text.isBlank() || text.trim().equals("0")) {
      return null;
    }
    java.time.Duration duration = DurationFlag.parse(spec, text);
    return duration.isZero() ? null : duration;
  }

  @Override
  public Integer call() throws Exception {
    EngineThreads.configure(threads);
    Integer[] sizes = {layers, hidden, heads, intermediate, maxPositions};
    TrainerConfig config =
        TrainerConfig.builder(kafka.connection(), tokenizer, checkpointDir)
            .preset(preset)
            .overrides(
                new ModelOverrides(sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], dropout))
            .batchSize(batchSize)
            .maxSteps(maxSteps)
            .idleTimeout(duration(idleTimeout))
            .checkpointEvery(checkpointEvery)
            .checkpointInterval(duration(checkpointInterval))
            .keep(keep)
            .seed(seed)
            .optimization(
                new TrainerConfig.Optimization(
                    learningRate, warmupSteps, schedule, weightDecay, maxGradNorm))
            .evalEvery(evalEvery)
            .evalExamples(evalExamples)
            .probes(probes)
            .topK(topK)
            .progressEvery(progressEvery)
            .prefetch(prefetch)
            .groupId(groupId)
            .opsPort(ops.port())
            .build();
    try {
      TrainResult result = new TrainerService().run(config);
      spec.commandLine()
          .getOut()
          .printf(
              java.util.Locale.ROOT,
              "trained to step %d (%d this run, %d examples, %.0f tokens/s, input wait %.1f%%),"
                  + " stopped: %s, checkpoint: %s%n",
              result.step(),
              result.stepsThisRun(),
              result.examples(),
              result.tokensPerSecond(),
              100 * result.inputWaitShare(),
              result.reason(),
              result.checkpoint());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (TokenizerMismatchException e) {
      spec.commandLine().getErr().println("bertstream train: " + e.getMessage());
      return 1;
    }
  }
}
