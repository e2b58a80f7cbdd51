package io.bertstream.cli;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.trainer.TrainerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code bertstream quickstart} runs. Build with {@link #builder}; every setting's default is
 * the builder's, and {@link #defaults()} shows them (the command line starts from it).
 *
 * @param corpus the documents to pretrain on (JSON lines with a {@code text} field, or text)
 * @param dataDir everything the run keeps: broker data, tokenizer, stream state, checkpoints
 * @param connection the topic prefix and client properties every service connects with, and, when
 *     not {@code embedded}, the existing cluster and registry
 * @param embedded start the embedded broker and registry (their addresses replace the connection's)
 *     instead of using the connection's cluster
 * @param budget training time of this run (the trainer's {@code --time-budget}, counted from the
 *     training time the checkpoint it resumes from holds)
 * @param maxSteps stop at this step in total, counting earlier runs on the data dir, as {@code
 *     train --max-steps} does (0: no limit)
 * @param stepsThisRun stop after this many steps of this run (0: no limit)
 * @param preset model size
 * @param vocabSize vocabulary size when the tokenizer is trained
 * @param maxSeqLength example length in tokens
 * @param maskedLmProb share of tokens masked in each example
 * @param seed seeds the stream's pairing and masking and the trainer's initialisation and dropout
 * @param dupeFactor differently masked copies the stream makes of every training document
 * @param batchSize examples per micro-batch
 * @param accumulate micro-batches per optimizer step
 * @param epochs passes over the examples topic (the last follows it while the run lasts)
 * @param learningRate peak learning rate
 * @param warmupSteps learning-rate warm-up
 * @param schedule the learning rate after warm-up (a decaying one ends with the budget)
 * @param evalEvery steps between evaluations (and probe predictions)
 * @param probes sentences with [MASK] shown at each evaluation and at the end
 * @param dashboardPort the trainer's live dashboard on localhost (its ops port): 0 picks a free
 *     port, -1 serves none; a port that is taken gives way to a free one
 */
record QuickstartConfig(
    Path corpus,
    Path dataDir,
    KafkaConnection connection,
    boolean embedded,
    Duration budget,
    long maxSteps,
    long stepsThisRun,
    String preset,
    int vocabSize,
    int maxSeqLength,
    double maskedLmProb,
    long seed,
    int dupeFactor,
    int batchSize,
    int accumulate,
    int epochs,
    double learningRate,
    long warmupSteps,
    String schedule,
    long evalEvery,
    List<String> probes,
    int dashboardPort) {

  /** Sentences in the style of the default corpus, the State of the Union addresses. */
  private static final List<String> DEFAULT_PROBES =
      List.of(
          "The [MASK] of the Union is strong.",
          "We must protect the rights of every [MASK].",
          "Congress shall [MASK] the budget this year.");

  QuickstartConfig {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(schedule, "schedule");
    probes = List.copyOf(probes);
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("the time budget must be positive: " + budget);
    }
    if (maxSteps < 0) {
      throw new IllegalArgumentException("--max-steps must be >= 0: " + maxSteps);
    }
    if (stepsThisRun < 0) {
      throw new IllegalArgumentException("--steps-this-run must be >= 0: " + stepsThisRun);
    }
    if (!(maskedLmProb > 0 && maskedLmProb < 1)) {
      throw new IllegalArgumentException("--masked-lm-prob must be in (0, 1): " + maskedLmProb);
    }
    if (dupeFactor < 1) {
      throw new IllegalArgumentException("--dupe-factor must be >= 1: " + dupeFactor);
    }
    if (accumulate < 1) {
      throw new IllegalArgumentException("--accumulate must be >= 1: " + accumulate);
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("--epochs must be >= 0: " + epochs);
    }
    if (dashboardPort < -1 || dashboardPort > 65535) {
      throw new IllegalArgumentException("--dashboard-port must be -1 to 65535: " + dashboardPort);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Every setting at its default, for the command line to start from and show in its help. */
  static QuickstartConfig defaults() {
    return builder().build();
  }

  /**
   * The trainer's {@code --max-steps} (a total) for a run that resumes at {@code resumedFrom}: the
   * sooner of {@link #maxSteps} and {@link #stepsThisRun} steps from there; 0 when neither limits.
   */
  long totalSteps(long resumedFrom) {
    long thisRun = stepsThisRun > 0 ? resumedFrom + stepsThisRun : 0;
    if (maxSteps == 0 || thisRun == 0) {
      return Math.max(maxSteps, thisRun);
    }
    return Math.min(maxSteps, thisRun);
  }

  /**
   * The cap on masked tokens per example that keeps the masking share at every length: the original
   * recipe's 20 for 128 tokens at 15%.
   */
  int maxPredictionsPerSeq() {
    return (int) Math.ceil(maxSeqLength * maskedLmProb);
  }

  Path tokenizerJson() {
    return dataDir.resolve("tokenizer").resolve("tokenizer.json");
  }

  Path checkpointDir() {
    return dataDir.resolve("checkpoints");
  }

  Path streamStateDir() {
    return dataDir.resolve("streams");
  }

  Path stackDir() {
    return dataDir.resolve("local");
  }

  /** The services' logs; the console shows the story and only the problems among them. */
  Path logFile() {
    return dataDir.resolve("quickstart.log");
  }

  /** Remembers which corpus was already published, so a second run does not repeat it. */
  Path ingestedMarker() {
    return dataDir.resolve("ingested.properties");
  }

  /**
   * The quickstart's defaults: the services' own where they fit, else the configuration that
   * reached the lowest eval MLM loss in ten minutes on two cores in the sweep
   * (scripts/sweep/quickstart-grid.txt, BENCHMARKS.md): the tiny preset, whose steps are four times
   * cheaper than mini's, at the reference recipe's 1e-3 with a linear decay to the budget's end,
   * and passes without end over three differently masked copies of every address (fresh masks beat
   * a second pass over the same ones: 5.98 against 6.10).
   */
  static final class Builder {
    private Path corpus = Path.of("corpora", "sotu.jsonl.gz");
    private Path dataDir = Path.of(".bertstream");
    private KafkaConnection connection = KafkaConnection.defaults();
    private boolean embedded = true;
    private Duration budget = Duration.ofMinutes(10);
    private long maxSteps;
    private long stepsThisRun;
    private String preset = "tiny";
    private int vocabSize = 8192;
    private int maxSeqLength = RecipeConfig.defaults().maxSeqLength();
    private double maskedLmProb = RecipeConfig.defaults().maskedLmProb();
    private long seed = RecipeConfig.defaults().seed();
    private int dupeFactor = 3;
    private int batchSize = 32;
    private int accumulate = TrainerConfig.defaults().accumulate();
    private int epochs = 0;
    private double learningRate = 1e-3;
    private long warmupSteps = 100;
    private String schedule = "linear";
    private long evalEvery = 50;
    private List<String> probes = DEFAULT_PROBES;
    private int dashboardPort = TrainerConfig.DEFAULT_OPS_PORT;

    private Builder() {}

    Builder corpus(Path value) {
      corpus = value;
      return this;
    }

    Builder dataDir(Path value) {
      dataDir = value;
      return this;
    }

    /** Use the embedded stack, with {@code value}'s topic prefix and client properties. */
    Builder embedded(KafkaConnection value) {
      connection = value;
      embedded = true;
      return this;
    }

    /** Use the cluster and registry {@code value} names. */
    Builder external(KafkaConnection value) {
      connection = value;
      embedded = false;
      return this;
    }

    Builder budget(Duration value) {
      budget = value;
      return this;
    }

    Builder maxSteps(long value) {
      maxSteps = value;
      return this;
    }

    Builder stepsThisRun(long value) {
      stepsThisRun = value;
      return this;
    }

    Builder preset(String value) {
      preset = value;
      return this;
    }

    Builder vocabSize(int value) {
      vocabSize = value;
      return this;
    }

    Builder maxSeqLength(int value) {
      maxSeqLength = value;
      return this;
    }

    Builder maskedLmProb(double value) {
      maskedLmProb = value;
      return this;
    }

    Builder seed(long value) {
      seed = value;
      return this;
    }

    Builder dupeFactor(int value) {
      dupeFactor = value;
      return this;
    }

    Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    Builder accumulate(int value) {
      accumulate = value;
      return this;
    }

    Builder epochs(int value) {
      epochs = value;
      return this;
    }

    Builder schedule(String value) {
      schedule = value;
      return this;
    }

    Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    Builder warmupSteps(long value) {
      warmupSteps = value;
      return this;
    }

    Builder evalEvery(long value) {
      evalEvery = value;
      return this;
    }

    Builder probes(List<String> value) {
      probes = value;
      return this;
    }

    Builder dashboardPort(int value) {
      dashboardPort = value;
      return this;
    }

    QuickstartConfig build() {
      return new QuickstartConfig(
          corpus,
          dataDir,
          connection,
          embedded,
          budget,
          maxSteps,
          stepsThisRun,
          preset,
          vocabSize,
          maxSeqLength,
          maskedLmProb,
          seed,
          dupeFactor,
          batchSize,
          accumulate,
          epochs,
          learningRate,
          warmupSteps,
          schedule,
          evalEvery,
          probes,
          dashboardPort);
    }
  }
}
