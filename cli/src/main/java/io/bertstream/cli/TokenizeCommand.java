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
      defaultValue = "128",
      description = "Longest example, [CLS] A [SEP] B [SEP] (default: ${DEFAULT-VALUE}).")
  int maxSeqLength;

  @Option(
      names = "--masked-lm-prob",
      defaultValue = "0.15",
      description = "Share of non-special tokens chosen for masked-LM (default: ${DEFAULT-VALUE}).")
  double maskedLmProb;

  @Option(
      names = "--max-predictions-per-seq",
      defaultValue = "20",
      description =
          "At most this many masked-LM positions per example (default: ${DEFAULT-VALUE}).")
  int maxPredictionsPerSeq;

  @Option(
      names = "--short-seq-prob",
      defaultValue = "0.1",
      description =
          "Probability of packing to a shorter random length in [2, max] (default: ${DEFAULT-VALUE}).")
  double shortSeqProb;

  @Option(
      names = "--random-next-prob",
      defaultValue = "0.5",
      description =
          "Probability that segment B comes from another document (default: ${DEFAULT-VALUE}).")
  double randomNextProb;

  @Option(
      names = "--whole-word-mask",
      defaultValue = "false",
      description = "Mask whole words (a word's ## pieces together) instead of single pieces.")
  boolean wholeWordMask;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Global seed; with the document id and example index it fixes every random choice"
              + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--eval-fraction",
      defaultValue = "0.01",
      description =
          "Share of documents, by hash of their id, whose examples go to <prefix>.examples.eval"
              + " (default: ${DEFAULT-VALUE}).")
  double evalFraction;

  @Option(
      names = "--reservoir-size",
      defaultValue = "10000",
      description =
          "Runs of sentences (each up to max-seq-length tokens) every partition keeps for"
              + " random-next segments (default: ${DEFAULT-VALUE}).")
  int reservoirSize;

  @Option(
      names = "--standby-replicas",
      defaultValue = "0",
      description =
          "Warm copies of each partition's state on other replicas, for fast failover"
              + " (default: ${DEFAULT-VALUE}).")
  int standbyReplicas;

  @Option(
      names = "--stream-threads",
      defaultValue = "1",
      description = "Stream threads in this process (default: ${DEFAULT-VALUE}).")
  int streamThreads;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where Kafka Streams keeps local state (default: a directory under the temp dir).")
  Path stateDir;

  @Option(
      names = "--ops-host",
      defaultValue = "0.0.0.0",
      description = "Address of the /metrics and /health server (default: ${DEFAULT-VALUE}).")
  String metricsHost;

  @Mixin OpsPortOption ops = new OpsPortOption(9400);

  @Override
  public Integer call() throws Exception {
    return TokenizerStream.run(config());
  }

  TokenizerStreamConfig config() {
    try {
      RecipeConfig recipe =
          new RecipeConfig(
              maxSeqLength,
              maskedLmProb,
              maxPredictionsPerSeq,
              shortSeqProb,
              randomNextProb,
              wholeWordMask,
              seed,
              evalFraction,
              reservoirSize);
      return new TokenizerStreamConfig(
          kafka.connection(),
          tokenizer,
          recipe,
          standbyReplicas,
          streamThreads,
          stateDir,
          metricsHost,
          ops.port());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
