package io.bertstream.cli;

import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.InputFormat;
import io.bertstream.ingestor.InvalidUtf8Policy;
import io.bertstream.ingestor.source.CorpusTexts;
import io.bertstream.tokenizer.train.DocsTopicTexts;
import io.bertstream.tokenizer.train.TextCorpus;
import io.bertstream.tokenizer.train.VocabTraining;
import io.bertstream.tokenizer.train.VocabTrainingConfig;
import io.bertstream.tokenizer.train.VocabTrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
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

    /** Files are read as ingest reads them, so their options' defaults are ingest's. */
    private static final IngestConfig FILE_DEFAULTS = IngestConfig.defaults();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaOptions kafka;

    @Option(
        names = "--input",
        arity = "1..*",
        paramLabel = "PATH",
        description =
            "Corpus files or directories, read as 'bertstream ingest' reads them: directories"
                + " recursively (hidden files skipped), gzip detected by content, text line by"
                + " line, JSON Lines by --text-field; what ingest would dead-letter is skipped and"
                + " counted. Repeatable. Needed unless --from-topic is given.")
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
            "As for ingest: auto (by extension, ignoring .gz: .jsonl/.ndjson/.json are JSON"
                + " Lines, others text), text or jsonl (default: ${DEFAULT-VALUE}).")
    InputFormat format = FILE_DEFAULTS.format();

    @Option(
        names = "--text-field",
        paramLabel = "NAME",
        description =
            "JSON Lines: the string field holding the text; lines without it are skipped"
                + " (default: ${DEFAULT-VALUE}).")
    String textField = FILE_DEFAULTS.rules().textField();

    @Option(
        names = "--include",
        paramLabel = "GLOB",
        description =
            "As for ingest: in directories, only files whose name or relative path matches this"
                + " glob, e.g. '*.txt'.")
    String include;

    @Option(
        names = "--on-invalid-utf8",
        paramLabel = "detect|reject|replace",
        description =
            "As for ingest: detect decodes text that is not UTF-8 with its detected charset"
                + " (e.g. windows-1252) when the detection is confident and skips it otherwise;"
                + " reject skips it; replace reads it with U+FFFD for the bad bytes"
                + " (default: ${DEFAULT-VALUE}).")
    InvalidUtf8Policy onInvalidUtf8 = FILE_DEFAULTS.rules().invalidUtf8();

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
      List<TextCorpus> corpora = new ArrayList<>();
      if (!inputs.isEmpty()) {
        DocumentRules defaults = FILE_DEFAULTS.rules();
        DocumentRules rules =
            new DocumentRules(
                textField,
                defaults.idField(),
                defaults.maxDocBytes(),
                onInvalidUtf8,
                defaults.dlqPayloadLimit());
        CorpusTexts files = new CorpusTexts(inputs, format, Optional.ofNullable(include), rules);
        corpora.add(files::read);
      }
      if (fromTopic != null) {
        DocsTopicTexts texts =
            new DocsTopicTexts(
                kafka.checkedConnection(), fromTopic, maxDocs, DurationFlag.parse(spec, timeout));
        corpora.add(texts::read);
      }
      VocabTrainingConfig config =
          VocabTrainingConfig.of(out)
              .withVocabSize(vocabSize)
              .withMinFrequency(minFrequency)
              .withCased(cased)
              .withLimitAlphabet(limitAlphabet);
      VocabTrainingResult result;
      try {
        result = VocabTraining.run(config, corpora);
      } catch (IOException | IllegalStateException e) {
        // Kafka's failures go to the command line's handler, which explains the fatal ones.
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
      if (result.skipped() > 0) {
        System.out.printf(
            Locale.ROOT,
            "note: skipped %,d lines or files that ingest would dead-letter (e.g. JSON without a"
                + " string field '%s'; the log says which) or undecodable records%n",
            result.skipped(),
            textField);
      }
      return CommandLine.ExitCode.OK;
    }
  }
}
