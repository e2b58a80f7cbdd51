package io.bertstream.cli;

import io.bertstream.stream.TokenizerStream;
import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.stream.recipe.RecipeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bertstream tokenize}: the Kafka Streams app from documents to pretraining examples. */
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = {
      "Turn every document on <prefix>.docs into BERT pretraining examples on <prefix>.examples"
          + " (and <prefix>.examples.eval), with the original BERT recipe: sentence packing,"
          + " next-sentence pairs (random B from another document), truncation, masked-LM.",
      "Runs until stopped. Replicas share the application id <prefix>-tokenizer-stream; start"
          + " more processes to scale out. Exactly-once; bad documents go to <prefix>.docs.dlq."
    },
    sortOptions = false)
public final class TokenizeCommand implements Callable<Integer> {

  /** Where every option's default comes from. */
  private static final TokenizerStreamConfig DEFAULTS = TokenizerStreamConfig.defaults();

  private static final RecipeConfig RECIPE = DEFAULTS.recipe();

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--tokenizer",
      required = true,
      paramLabel = "PATH",
      description =
          "tokenizer.json, vocab.txt or a HuggingFace model directory (e.g. from `bertstream"
              + " vocab train`, or the directory of the model being trained).")
  Path tokenizer;

  @Option(
      names = "--max-seq-length",
      description = "Longest example, [CLS] A [SEP] B [SEP] (default: ${DEFAULT-VALUE}).")
  int maxSeqLength = RECIPE.maxSeqLength();

  @Option(
      names = "--masked-lm-prob",
      description = "Share of non-special tokens chosen for masked-LM (default: ${DEFAULT-VALUE}).")
  double maskedLmProb = RECIPE.maskedLmProb();

  @Option(
      names = "--max-predictions-per-seq",
      description =
          "At most this many masked-LM positions per example (default: ${DEFAULT-VALUE}).")
  int maxPredictionsPerSeq = RECIPE.maxPredictionsPerSeq();

  @Option(
      names = "--short-seq-prob",
      description =
          "Probability of packing to a shorter random length in [2, max] (default: ${DEFAULT-VALUE}).")
  double shortSeqProb = RECIPE.shortSeqProb();

  @Option(
      names = "--random-next-prob",
      description =
          "Probability that segment B comes from another document (default: ${DEFAULT-VALUE}).")
  double randomNextProb = RECIPE.randomNextProb();

  @Option(
      names = "--whole-word-mask",
      description = "Mask whole words (a word's ## pieces together) instead of single pieces.")
  boolean wholeWordMask = RECIPE.wholeWordMask();

  @Option(
      names = "--seed",
      description =
          "Global seed; with the document id and example index it fixes every random choice"
              + " (default: ${DEFAULT-VALUE}).")
  long seed = RECIPE.seed();

  @Option(
      names = "--eval-fraction",
      description =
          "Share of documents, by hash of their id, whose examples go to <prefix>.examples.eval"
              + " (default: ${DEFAULT-VALUE}).")
  double evalFraction = RECIPE.evalFraction();

  @Option(
      names = "--reservoir-size",
      description =
          "Runs of sentences (each up to max-seq-length tokens) every partition keeps for"
              + " random-next segments (default: ${DEFAULT-VALUE}).")
  int reservoirSize = RECIPE.reservoirSize();

  @Option(
      names = "--dupe-factor",
      paramLabel = "N",
      description =
          "Differently masked copies of every training document (the original BERT recipe's"
              + " dupe_factor, 10 there): each copy has its own pairs and masks and ids"
              + " <id>#<k>/<n>. Costs N times the examples, the topic space and the work per"
              + " document; held-out documents keep one copy (default: ${DEFAULT-VALUE}).")
  int dupeFactor = RECIPE.dupeFactor();

  @Option(
      names = "--standby-replicas",
      description =
          "Warm copies of each partition's state on other replicas, for fast failover"
              + " (default: ${DEFAULT-VALUE}).")
  int standbyReplicas = DEFAULTS.standbyReplicas();

  @Option(
      names = "--stream-threads",
      description = "Stream threads in this process (default: ${DEFAULT-VALUE}).")
  int streamThreads = DEFAULTS.streamThreads();

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where Kafka Streams keeps local state (default: a directory under the temp dir).")
  Path stateDir = DEFAULTS.stateDir();

  @Mixin OpsOptions ops = new OpsOptions(DEFAULTS.ops());

  @Override
  public Integer call() throws Exception {
    TokenizerStreamConfig config = config();
    kafka.checkedConnection();
    ShutdownSignal signal = ShutdownSignal.install("tokenize");
    try {
      return TokenizerStream.run(config, stream -> signal.onSignal(stream::close));
    } finally {
      signal.done();
    }
  }

  /** The instance these options describe. */
  TokenizerStreamConfig config() {
    try {
      RecipeConfig recipe =
          RecipeConfig.defaults()
              .withMaxSeqLength(maxSeqLength)
              .withMaskedLmProb(maskedLmProb)
              .withMaxPredictionsPerSeq(maxPredictionsPerSeq)
              .withShortSeqProb(shortSeqProb)
              .withRandomNextProb(randomNextProb)
              .withWholeWordMask(wholeWordMask)
              .withSeed(seed)
              .withEvalFraction(evalFraction)
              .withReservoirSize(reservoirSize)
              .withDupeFactor(dupeFactor);
      return TokenizerStreamConfig.of(kafka.connection(), tokenizer)
          .withRecipe(recipe)
          .withStandbyReplicas(standbyReplicas)
          .withStreamThreads(streamThreads)
          .withStateDir(stateDir)
          .withOps(ops.settings());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
