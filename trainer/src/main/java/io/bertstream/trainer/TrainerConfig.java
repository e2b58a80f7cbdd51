package io.bertstream.trainer;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.trainer.inference.FillMask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one training run needs; immutable. Build with {@link #builder}; every setting's
 * default is the builder's, and {@link #defaults()} shows them (the command line starts from it).
 *
 * @param connection Kafka, the schema registry and the topic names
 * @param tokenizer tokenizer.json, vocab.txt or HuggingFace model directory; its fingerprint must
 *     match the examples'. Null with {@code initFrom}: the model's own tokenizer, in that directory
 * @param checkpointDir where checkpoints, {@code ledger.jsonl} and {@code metrics.jsonl} live (and
 *     by default the TensorBoard log)
 * @param initFrom a HuggingFace BERT directory whose config and weights a run starts from when
 *     {@code checkpointDir} holds no checkpoint yet; null: start from the seed
 * @param preset model size: tiny, mini, small or base; null when not chosen: {@value
 *     #DEFAULT_PRESET} from the seed, the directory's own size with {@code initFrom}
 * @param overrides sizes set on top of the preset (with {@code initFrom}, each must agree with its
 *     config.json; only the dropout may differ)
 * @param batchSize examples per micro-batch: per optimizer step unless {@code accumulate} is more
 *     than 1
 * @param accumulate micro-batches whose gradients are summed into one optimizer step (the effective
 *     batch is {@code batchSize × accumulate})
 * @param maxSteps stop after this many optimizer steps in total (0: unbounded)
 * @param timeBudget stop when the training time, earlier runs included, reaches this; a decaying
 *     schedule ends there (null: no budget)
 * @param idleTimeout stop after this long without a new batch (null: wait forever)
 * @param epochs passes over the topic; the last follows it while the run lasts (1: one pass, the
 *     default; 0: passes without end)
 * @param checkpointEvery write a checkpoint every this many steps (0: not by steps)
 * @param checkpointInterval write a checkpoint at least this often (null: not by time)
 * @param keep complete checkpoints kept
 * @param seed seeds weight initialisation and, with the step, every step's dropout
 * @param optimization learning rate, schedule, weight decay, clipping
 * @param evalEvery evaluate every this many steps (0: never)
 * @param evalExamples size of the fixed evaluation set read from {@code <prefix>.examples.eval}
 * @param growEvalSet let this run grow a recorded fixed set that is smaller than {@code
 *     evalExamples}
 * @param evalRecent newest examples per partition of the eval topic in the recent evaluation (0:
 *     none)
 * @param probes texts with {@code [MASK]} whose top predictions are printed at each evaluation
 * @param topK predictions shown per probe
 * @param progressEvery steps between progress lines
 * @param prefetch batches assembled ahead of training
 * @param groupId consumer group the trained offsets are committed to (for monitoring)
 * @param ops where /metrics and /health are served (or not at all)
 * @param tensorboardDir where the run's TensorBoard event files go ({@code <checkpointDir>/}{@value
 *     #DEFAULT_TENSORBOARD_DIR} unless set); null: none are written
 */
public record TrainerConfig(
    KafkaConnection connection,
    Path tokenizer,
    Path checkpointDir,
    Path initFrom,
    String preset,
    ModelOverrides overrides,
    int batchSize,
    int accumulate,
    long maxSteps,
    Duration timeBudget,
    Duration idleTimeout,
    int epochs,
    long checkpointEvery,
    Duration checkpointInterval,
    int keep,
    long seed,
    Optimization optimization,
    long evalEvery,
    int evalExamples,
    boolean growEvalSet,
    int evalRecent,
    List<String> probes,
    int topK,
    long progressEvery,
    int prefetch,
    String groupId,
    OpsSettings ops,
    Path tensorboardDir) {

  public TrainerConfig {
    Objects.requireNonNull(connection, "connection");
    if (tokenizer == null) {
      if (initFrom == null) {
        throw new IllegalArgumentException(
            "a tokenizer is required unless initFrom gives the model's own");
      }
      tokenizer = initFrom;
    }
    Objects.requireNonNull(checkpointDir, "checkpointDir");
    Objects.requireNonNull(overrides, "overrides");
    Objects.requireNonNull(optimization, "optimization");
    Objects.requireNonNull(ops, "ops");
    probes = List.copyOf(probes);
    requireAtLeast("batchSize", batchSize, 1);
    requireAtLeast("accumulate", accumulate, 1);
    requireAtLeast("maxSteps", maxSteps, 0);
    requireAtLeast("epochs", epochs, 0);
    requireAtLeast("evalRecent", evalRecent, 0);
    if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
      throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
    }
    requireAtLeast("checkpointEvery", checkpointEvery, 0);
    requireAtLeast("keep", keep, 1);
    requireAtLeast("evalEvery", evalEvery, 0);
    requireAtLeast("evalExamples", evalExamples, 1);
    requireAtLeast("topK", topK, 1);
    requireAtLeast("progressEvery", progressEvery, 1);
    requireAtLeast("prefetch", prefetch, 1);
    if (groupId == null || groupId.isBlank()) {
      groupId = connection.topics().prefix() + ".trainer";
    }
  }

  /**
   * Optimizer settings.
   *
   * @param learningRate peak learning rate
   * @param warmupSteps linear warm-up from 0
   * @param schedule after warm-up: linear or cosine decay to 0 at the run's end (max-steps or the
   *     time budget), constant, or inverse-sqrt; auto: linear when the run has an end, else
   *     constant
   * @param weightDecay decoupled weight decay (not on biases and LayerNorm)
   * @param maxGradNorm clip the global gradient norm to this (0: no clipping)
   */
  public record Optimization(
      double learningRate,
      long warmupSteps,
      String schedule,
      double weightDecay,
      double maxGradNorm) {

    public static Optimization defaults() {
      return new Optimization(1e-4, 1000, "auto", 0.01, 1.0);
    }

    public Optimization withLearningRate(double value) {
      return new Optimization(value, warmupSteps, schedule, weightDecay, maxGradNorm);
    }

    public Optimization withWarmupSteps(long value) {
      return new Optimization(learningRate, value, schedule, weightDecay, maxGradNorm);
    }

    public Optimization withSchedule(String value) {
      return new Optimization(learningRate, warmupSteps, value, weightDecay, maxGradNorm);
    }

    public Optimization withWeightDecay(double value) {
      return new Optimization(learningRate, warmupSteps, schedule, value, maxGradNorm);
    }

    public Optimization withMaxGradNorm(double value) {
      return new Optimization(learningRate, warmupSteps, schedule, weightDecay, value);
    }
  }

  /** Model size of a run from the seed that chose none. */
  public static final String DEFAULT_PRESET = "mini";

  /** The preset a run from the seed uses: the chosen one or {@value #DEFAULT_PRESET}. */
  public String presetOrDefault() {
    return preset == null ? DEFAULT_PRESET : preset;
  }

  /** The TensorBoard log's directory, inside the checkpoint directory, unless told otherwise. */
  public static final String DEFAULT_TENSORBOARD_DIR = "runs";

  /** Port of the trainer's ops server unless told otherwise. */
  public static final int DEFAULT_OPS_PORT = 9403;

  /**
   * @param tokenizer may be null when {@link Builder#initFrom} is set (the model's own tokenizer)
   */
  public static Builder builder(KafkaConnection connection, Path tokenizer, Path checkpointDir) {
    return new Builder(connection, tokenizer, checkpointDir);
  }

  /**
   * Every setting at its default, for the command line to start from and show in its help. The
   * connection and the two paths stand in for the ones {@link #builder} requires.
   */
  public static TrainerConfig defaults() {
    return builder(KafkaConnection.defaults(), Path.of("tokenizer.json"), Path.of("checkpoints"))
        .build();
  }

  private static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }

  /** Defaults for everything but where to read from and write to. */
  public static final class Builder {
    private final KafkaConnection connection;
    private final Path tokenizer;
    private final Path checkpointDir;
    private Path initFrom;
    private String preset;
    private ModelOverrides overrides = ModelOverrides.none();
    private int batchSize = 32;
    private int accumulate = 1;
    private long maxSteps;
    private Duration timeBudget;
    private Duration idleTimeout;
    private int epochs = 1;
    private long checkpointEvery = 1000;
    private Duration checkpointInterval = Duration.ofMinutes(10);
    private int keep = 3;
    private long seed = 42;
    private Optimization optimization = Optimization.defaults();
    private long evalEvery = 500;
    private int evalExamples = 256;
    private boolean growEvalSet;
    private int evalRecent = 8;
    private List<String> probes = List.of();
    private int topK = FillMask.DEFAULT_TOP_K;
    private long progressEvery = 10;
    private int prefetch = 4;
    private String groupId;
    private OpsSettings ops = OpsSettings.on(DEFAULT_OPS_PORT);
    private Path tensorboardDir;

    private Builder(KafkaConnection connection, Path tokenizer, Path checkpointDir) {
      this.connection = connection;
      this.tokenizer = tokenizer;
      this.checkpointDir = checkpointDir;
      this.tensorboardDir =
          checkpointDir == null ? null : checkpointDir.resolve(DEFAULT_TENSORBOARD_DIR);
    }

    public Builder initFrom(Path value) {
      initFrom = value;
      return this;
    }

    public Builder preset(String value) {
      preset = value;
      return this;
    }

    public Builder overrides(ModelOverrides value) {
      overrides = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder accumulate(int value) {
      accumulate = value;
      return this;
    }

    public Builder timeBudget(Duration value) {
      timeBudget = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder growEvalSet(boolean value) {
      growEvalSet = value;
      return this;
    }

    public Builder evalRecent(int value) {
      evalRecent = value;
      return this;
    }

    public Builder maxSteps(long value) {
      maxSteps = value;
      return this;
    }

    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    public Builder checkpointEvery(long value) {
      checkpointEvery = value;
      return this;
    }

    public Builder checkpointInterval(Duration value) {
      checkpointInterval = value;
      return this;
    }

    public Builder keep(int value) {
      keep = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder optimization(Optimization value) {
      optimization = value;
      return this;
    }

    public Builder evalEvery(long value) {
      evalEvery = value;
      return this;
    }

    public Builder evalExamples(int value) {
      evalExamples = value;
      return this;
    }

    public Builder probes(List<String> value) {
      probes = value;
      return this;
    }

    public Builder topK(int value) {
      topK = value;
      return this;
    }

    public Builder progressEvery(long value) {
      progressEvery = value;
      return this;
    }

    public Builder prefetch(int value) {
      prefetch = value;
      return this;
    }

    public Builder groupId(String value) {
      groupId = value;
      return this;
    }

    public Builder ops(OpsSettings value) {
      ops = value;
      return this;
    }

    /** Where the TensorBoard event files go; null: none are written. */
    public Builder tensorboardDir(Path value) {
      tensorboardDir = value;
      return this;
    }

    public TrainerConfig build() {
      return new TrainerConfig(
          connection,
          tokenizer,
          checkpointDir,
          initFrom,
          preset,
          overrides,
          batchSize,
          accumulate,
          maxSteps,
          timeBudget,
          idleTimeout,
          epochs,
          checkpointEvery,
          checkpointInterval,
          keep,
          seed,
          optimization,
          evalEvery,
          evalExamples,
          growEvalSet,
          evalRecent,
          probes,
          topK,
          progressEvery,
          prefetch,
          groupId,
          ops,
          tensorboardDir);
    }
  }
}
