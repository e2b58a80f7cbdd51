package io.bertstream.cli;

import io.bertstream.ingestor.inspect.DocsTopicTexts;
import io.bertstream.tokenizer.train.CorpusFormat;
import io.bertstream.tokenizer.train.TextSource;
import io.bertstream.tokenizer.train.VocabTraining;
import io.bertstream.tokenizer.train.VocabTrainingConfig;
import io.bertstream.tokenizer.train.VocabTrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bertstream vocab ...}: WordPiece vocabularies. */
@Command(
    name = "vocab",
    mixinStandardHelpOptions = true,
    description = "Train a BERT WordPiece vocabulary for your own corpus.",
    subcommands = {VocabCommand.Train.class, CommandLine.HelpCommand.class})
public final class VocabCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * {@code bertstream vocab train}: corpus files and/or a docs topic in, tokenizer.json + vocab.txt
   * out.
   */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Train a WordPiece vocabulary the way HuggingFace's WordPiece trainer does (BERT"
            + " normalization and pre-tokenization, merges with ## continuations) and write a"
            + " HuggingFace tokenizer.json plus vocab.txt beside it.",
        "Special tokens: [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4. Same input and flags give"
            + " byte-identical files. The corpus is streamed: memory grows with distinct words."
      },
      footer = {
        "",
        "Example:",
        "  bertstream vocab train --input corpus/ --vocab-size 30522 --out model/tokenizer.json",
        "  bertstream vocab train --from-topic bertstream.docs --max-docs 100000 --out model/"
      })
  static final class Train implements Callable<Integer> {

    /** Where the vocabulary options' defaults come from. */
    private static final VocabTrainingConfig DEFAULTS = VocabTrainingConfig.defaults();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaOptions kafka;

    @Option(
        names = "--input",
        arity = "1..*",
        paramLabel = "PATH",
        description =
            "Corpus files or directories (walked recursively, in name order); gzip is detected"
                + " by content. Repeatable. Needed unless --from-topic is given.")
    List<Path> inputs = new ArrayList<>();

    @Option(
        names = "--from-topic",
        paramLabel = "TOPIC",
        description =
            "Also (or only) train on the texts of the RawDocuments on this topic, e.g."
                + " <prefix>.docs: read from the beginning to the end seen at start, committed"
                + " records only, partitions in order, without a consumer group; undecodable"
                + " records are skipped and counted. Files from --input are counted first.")
    String fromTopic;

    @Option(
        names = "--max-docs",
        defaultValue = "0",
        paramLabel = "N",
        description =
            "With --from-topic: read at most N documents (partition 0 first, then 1, ...);"
                + " 0 reads all (default: ${DEFAULT-VALUE}).")
    long maxDocs;

    @Option(
        names = "--timeout",
        defaultValue = "30s",
        description =
            "With --from-topic: give up if the broker answers nothing within this"
                + " (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
        names = "--format",
        paramLabel = "auto|text|jsonl",
        description =
            "How files hold text: auto = JSON lines for *.jsonl / *.ndjson (optionally .gz),"
                + " plain text otherwise (default: ${DEFAULT-VALUE}).")
    CorpusFormat format = DEFAULTS.format();

    @Option(
        names = "--text-field",
        paramLabel = "NAME",
        description = "JSON lines: the field holding the text (default: ${DEFAULT-VALUE}).")
    String textField = DEFAULTS.textField();

    @Option(
        names = "--vocab-size",
        paramLabel = "N",
        description =
            "Target number of tokens, specials included (default: ${DEFAULT-VALUE}, BERT's)."
                + " A small corpus may run out of merges first.")
    int vocabSize = DEFAULTS.vocabSize();

    @Option(
        names = "--min-frequency",
        paramLabel = "N",
        description = "Never merge a pair seen fewer times than this (default: ${DEFAULT-VALUE}).")
    long minFrequency = DEFAULTS.minFrequency();

    @Option(
        names = "--cased",
        description =
            "Keep case and accents (default: lowercase and strip accents, as uncased BERT).")
    boolean cased = DEFAULTS.cased();

    @Option(
        names = "--limit-alphabet",
        paramLabel = "N",
        description =
            "Keep only the N most frequent characters as the initial alphabet; rarer ones become"
                + " [UNK]. 0 keeps all (default: ${DEFAULT-VALUE}).")
    int limitAlphabet = DEFAULTS.limitAlphabet();

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description =
            "The tokenizer.json to write; a path not ending in .json is a directory to write"
                + " tokenizer.json into. vocab.txt is written beside it.")
    Path out;

    @Override
    public Integer call() {
      if (vocabSize < 6 || minFrequency < 0 || limitAlphabet < 0 || maxDocs < 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--vocab-size must be at least 6; --min-frequency, --limit-alphabet and --max-docs"
                + " not negative");
      }
      if (inputs.isEmpty() && fromTopic == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "nothing to train on: give --input PATH... or --from-topic TOPIC");
      }
      List<TextSource> topic = new ArrayList<>();
      if (fromTopic != null) {
        DocsTopicTexts texts =
            new DocsTopicTexts(
                kafka.connection(), fromTopic, maxDocs, DurationFlag.parse(spec, timeout));
        topic.add(texts::read);
      }
      VocabTrainingConfig config =
          new VocabTrainingConfig(
              inputs, format, textField, vocabSize, minFrequency, cased, limitAlphabet, out);
      VocabTrainingResult result;
      try {
        result = VocabTraining.run(config, topic);
      } catch (IOException | IllegalStateException | KafkaException e) {
        System.err.println("bertstream vocab train: " + e.getMessage());
        return CommandLine.ExitCode.SOFTWARE;
      }
      System.out.printf(
          Locale.ROOT,
          "wrote %s and %s: %d tokens (tokenizer_id %s) from %,d words (%,d distinct)"
              + " in %.1f s%n",
          result.tokenizerJson(),
          result.vocabTxt(),
          result.vocabSize(),
          result.fingerprint(),
          result.words(),
          result.wordTypes(),
          (result.counting().toMillis() + result.merging().toMillis()) / 1000.0);
      if (result.vocabSize() < vocabSize) {
        System.out.printf(
            Locale.ROOT,
            "note: the corpus ran out of pairs seen at least %d times before %d tokens%n",
            minFrequency,
            vocabSize);
      }
      if (result.skippedLines() > 0) {
        System.out.printf(
            Locale.ROOT,
            "note: skipped %,d JSON lines without a string field '%s' or undecodable records%n",
            result.skippedLines(),
            textField);
      }
      return CommandLine.ExitCode.OK;
    }
  }
}
