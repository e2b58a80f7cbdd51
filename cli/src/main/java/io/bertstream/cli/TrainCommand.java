package io.bertstream.cli;

import io.bertstream.runtime.Durations;
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
import picocli.CommandLine.ParameterException;
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
            + "weights (with --time-budget the learning rate follows wall time: a resumed run"
            + " continues the same schedule, not bit for bit). SIGTERM/SIGINT write a final"
            + " checkpoint. With --init-from, an empty"
            + " --checkpoint-dir starts from a published BERT (e.g. bert-base-uncased) instead of"
            + " random weights. Every checkpoint is a HuggingFace model directory that"
            + " transformers loads as it is.")
public final class TrainCommand implements Callable<Integer> {

  /** The value of {@code --tensorboard-dir} that turns event files off. */
  private static final String NONE = "none";

  /** Where every option's default comes from. */
  private static final TrainerConfig DEFAULTS = TrainerConfig.defaults();

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--tokenizer",
      paramLabel = "PATH",
      description =
          "Tokenizer that produced the examples: tokenizer.json, vocab.txt or a HuggingFace"
              + " model directory. Required unless --init-from is given, whose own tokenizer it"
              + " then is.")
  Path tokenizer;

  @Option(
      names = "--init-from",
      paramLabel = "DIR",
      description =
          "Start from this HuggingFace BERT directory (as save_pretrained writes it: config.json,"
              + " model.safetensors or shards, vocab.txt/tokenizer.json) when --checkpoint-dir"
              + " holds no checkpoint yet: its config.json sets the size (leave out --preset and"
              + " the size flags), its weights the parameters; a missing pooler or head starts"
              + " fresh. Once a checkpoint exists it wins. Tokenize with the same tokenizer.")
  Path initFrom;

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
      description =
          "Model size: tiny, mini, small or base (default: "
              + TrainerConfig.DEFAULT_PRESET
              + "; with --init-from, the size its config.json gives).")
  String preset = DEFAULTS.preset();

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
      description =
          "Examples per micro-batch: per optimizer step unless --accumulate"
              + " (default: ${DEFAULT-VALUE}).")
  int batchSize = DEFAULTS.batchSize();

  @Option(
      names = "--accumulate",
      paramLabel = "N",
      description =
          "Sum the gradients of N micro-batches into one optimizer step: the effective batch is"
              + " --batch-size × N, each loss weighed over the masked tokens (and examples) of all"
              + " N (default: ${DEFAULT-VALUE}).")
  int accumulate = DEFAULTS.accumulate();

  @Option(
      names = "--max-steps",
      description =
          "Stop after this many optimizer steps in total; also where a linear or cosine"
              + " schedule reaches 0 (default: ${DEFAULT-VALUE} = unbounded).")
  long maxSteps = DEFAULTS.maxSteps();

  @Option(
      names = "--time-budget",
      paramLabel = "DURATION",
      description =
          "Stop when the training time reaches this, e.g. 10m; the time of earlier runs on this"
              + " --checkpoint-dir counts (it is checkpointed). A linear, cosine or auto schedule"
              + " decays to 0 where the budget is estimated to end, re-estimated from the"
              + " measured step time (default: none).")
  String timeBudget = DurationFlag.format(DEFAULTS.timeBudget());

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      description = "Stop after this long without new examples, e.g. 60s (default: never).")
  String idleTimeout = DurationFlag.format(DEFAULTS.idleTimeout());

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "Passes over the examples topic: each pass but the last ends when the topic is drained"
              + " and the next starts again from its beginning; the last follows the topic while"
              + " the run lasts. 0 = passes without end (default: ${DEFAULT-VALUE}).")
  int epochs = DEFAULTS.epochs();

  @Option(
      names = "--checkpoint-every",
      description =
          "Checkpoint every this many steps, 0 = not by steps (default: ${DEFAULT-VALUE}).")
  long checkpointEvery = DEFAULTS.checkpointEvery();

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "DURATION",
      description =
          "Also checkpoint when this much time passed since the last one, 0 = not by time"
              + " (default: ${DEFAULT-VALUE}).")
  String checkpointInterval = DurationFlag.format(DEFAULTS.checkpointInterval());

  @Option(names = "--keep", description = "Complete checkpoints kept (default: ${DEFAULT-VALUE}).")
  int keep = DEFAULTS.keep();

  @Option(
      names = "--seed",
      description =
          "Seeds the initial weights and (with the step number) every step's dropout"
              + " (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed();

  @Option(
      names = "--learning-rate",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate = DEFAULTS.optimization().learningRate();

  @Option(
      names = "--warmup-steps",
      description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
  long warmupSteps = DEFAULTS.optimization().warmupSteps();

  @Option(
      names = "--schedule",
      description =
          "After warm-up: linear or cosine (decay to 0 at --max-steps or the end of"
              + " --time-budget, the sooner), constant, inverse-sqrt; auto = linear when the run"
              + " has an end, else constant (default: ${DEFAULT-VALUE}).")
  String schedule = DEFAULTS.optimization().schedule();

  @Option(
      names = "--weight-decay",
      description =
          "AdamW decoupled weight decay, not on biases and LayerNorm (default: ${DEFAULT-VALUE}).")
  double weightDecay = DEFAULTS.optimization().weightDecay();

  @Option(
      names = "--max-grad-norm",
      description = "Clip the global gradient norm, 0 = off (default: ${DEFAULT-VALUE}).")
  double maxGradNorm = DEFAULTS.optimization().maxGradNorm();

  @Option(
      names = "--eval-every",
      description =
          "Evaluate on <prefix>.examples.eval every this many steps, 0 = never"
              + " (default: ${DEFAULT-VALUE}).")
  long evalEvery = DEFAULTS.evalEvery();

  @Option(
      names = "--eval-examples",
      description =
          "Size of the fixed evaluation set: the first valid examples of <prefix>.examples.eval,"
              + " chosen once and recorded by their offsets in every checkpoint"
              + " (default: ${DEFAULT-VALUE}).")
  int evalExamples = DEFAULTS.evalExamples();

  @Option(
      names = "--grow-eval-set",
      description =
          "Let this run add examples to a recorded fixed evaluation set smaller than"
              + " --eval-examples (default: ${DEFAULT-VALUE}: the set never changes).")
  boolean growEvalSet = DEFAULTS.growEvalSet();

  @Option(
      names = "--eval-recent",
      paramLabel = "N",
      description =
          "Also evaluate on the N newest examples of each partition of the eval topic, read"
              + " again before each evaluation; 0 = not (default: ${DEFAULT-VALUE}).")
  int evalRecent = DEFAULTS.evalRecent();

  @Option(
      names = "--probe",
      paramLabel = "TEXT",
      description =
          "A text with [MASK] whose top predictions are printed at each evaluation (repeatable).")
  List<String> probes = new ArrayList<>(DEFAULTS.probes());

  @Option(
      names = "--top-k",
      description = "Predictions shown per probe mask (default: ${DEFAULT-VALUE}).")
  int topK = DEFAULTS.topK();

  @Option(
      names = "--progress-every",
      description = "Steps between progress lines (default: ${DEFAULT-VALUE}).")
  long progressEvery = DEFAULTS.progressEvery();

  @Option(
      names = "--prefetch",
      description = "Batches assembled ahead of training (default: ${DEFAULT-VALUE}).")
  int prefetch = DEFAULTS.prefetch();

  @Option(
      names = "--group-id",
      description =
          "Consumer group the trained offsets are committed to, for lag monitoring"
              + " (default: <prefix>.trainer).")
  String groupId;

  @Option(
      names = "--tensorboard-dir",
      paramLabel = "DIR",
      description =
          "Write TensorBoard event files here; see them with: tensorboard --logdir DIR. Every"
              + " --progress-every steps the training losses, accuracies, learning rate, gradient"
              + " norm, tokens/s, input wait and consumer lag (train/*), at each evaluation its"
              + " scores (eval/*, eval_recent/*) and the probes' predictions as text (probes/*). A"
              + " resumed run adds a file and continues the same curves from its checkpoint."
              + " none = no event files (default: <checkpoint-dir>/"
              + TrainerConfig.DEFAULT_TENSORBOARD_DIR
              + ").")
  String tensorboardDir;

  @Mixin OpsOptions ops = new OpsOptions(DEFAULTS.ops());

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

  /** The run these options describe. */
  TrainerConfig config() {
    if (tokenizer == null && initFrom == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option: '--tokenizer=PATH' (or --init-from DIR, whose own"
              + " tokenizer is then used)");
    }
    try {
      TrainerConfig.Builder builder =
          TrainerConfig.builder(kafka.connection(), tokenizer, checkpointDir);
      if (tensorboardDir != null) {
        builder.tensorboardDir(
            tensorboardDir.equalsIgnoreCase(NONE) ? null : Path.of(tensorboardDir));
      }
      return builder
          .initFrom(initFrom)
          .preset(preset)
          .overrides(new ModelOverrides(layers, hidden, heads, intermediate, maxPositions, dropout))
          .batchSize(batchSize)
          .accumulate(accumulate)
          .maxSteps(maxSteps)
          .timeBudget(duration(timeBudget))
          .idleTimeout(duration(idleTimeout))
          .epochs(epochs)
          .checkpointEvery(checkpointEvery)
          .checkpointInterval(duration(checkpointInterval))
          .keep(keep)
          .seed(seed)
          .optimization(
              TrainerConfig.Optimization.defaults()
                  .withLearningRate(learningRate)
                  .withWarmupSteps(warmupSteps)
                  .withSchedule(schedule)
                  .withWeightDecay(weightDecay)
                  .withMaxGradNorm(maxGradNorm))
          .evalEvery(evalEvery)
          .evalExamples(evalExamples)
          .growEvalSet(growEvalSet)
          .evalRecent(evalRecent)
          .probes(probes)
          .topK(topK)
          .progressEvery(progressEvery)
          .prefetch(prefetch)
          .groupId(groupId)
          .ops(ops.settings())
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    EngineThreads.configure(threads);
    TrainerConfig config = config();
    kafka.checkedConnection();
    TrainerService trainer = new TrainerService();
    ShutdownSignal signal = ShutdownSignal.install("train");
    signal.onSignal(trainer::stop);
    try {
      TrainResult result = trainer.run(config);
      spec.commandLine()
          .getOut()
          .printf(
              java.util.Locale.ROOT,
              "trained to step %d (%d this run, %d examples, %s of training, %.0f tokens/s,"
                  + " input wait %.1f%%), stopped: %s, checkpoint: %s%n",
              result.step(),
              result.stepsThisRun(),
              result.examples(),
              Durations.human(result.trainingTime().toSeconds()),
              result.tokensPerSecond(),
              100 * result.inputWaitShare(),
              result.reason(),
              result.checkpoint());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (TokenizerMismatchException e) {
      spec.commandLine().getErr().println("bertstream train: " + e.getMessage());
      return 1;
    } finally {
      signal.done();
    }
  }
}
