package io.bertstream.tokenizer.train;

import io.bertstream.runtime.Progress;
import io.bertstream.tokenizer.Normalization;
import io.bertstream.tokenizer.SpecialTokens;
import io.bertstream.tokenizer.TokenizerJson;
import io.bertstream.tokenizer.VocabTxt;
import io.bertstream.tokenizer.WordPieceVocab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a BERT WordPiece vocabulary from {@link TextCorpus texts} and writes tokenizer.json +
 * vocab.txt: stream the texts into word counts, then merge.
 */
public final class VocabTraining {

  private static final Logger LOG = LoggerFactory.getLogger(VocabTraining.class);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private VocabTraining() {}

  /**
   * Counts the words of {@code corpora}, in order, then merges.
   *
   * @throws IllegalArgumentException when no corpus is given
   */
  public static VocabTrainingResult run(VocabTrainingConfig config, List<TextCorpus> corpora)
      throws IOException {
    if (corpora.isEmpty()) {
      throw new IllegalArgumentException("no input given");
    }
    long start = System.nanoTime();
    Normalization normalization = Normalization.of(config.cased());
    WordCounter counter = new WordCounter(normalization);
    long skipped = count(corpora, counter);
    long counted = System.nanoTime();
    LOG.info("counted {} words, {} distinct", counter.words(), counter.types());

    List<String> tokens = train(config, counter.counts());
    long merged = System.nanoTime();

    WordPieceVocab vocab = WordPieceVocab.bert(tokens, normalization);
    Path json = config.tokenizerJson();
    Path txt = config.vocabTxt();
    writeAtomically(json, TokenizerJson.write(vocab));
    writeAtomically(txt, VocabTxt.write(vocab));
    return new VocabTrainingResult(
        json,
        txt,
        tokens.size(),
        counter.words(),
        counter.types(),
        skipped,
        vocab.fingerprint(),
        Duration.ofNanos(counted - start),
        Duration.ofNanos(merged - counted));
  }

  private static long count(List<TextCorpus> corpora, WordCounter counter) throws IOException {
    Supplier<String> detail =
        () ->
            String.format(Locale.ROOT, "%,d words, %,d distinct", counter.words(), counter.types());
    long skipped = 0;
    for (TextCorpus corpus : corpora) {
      skipped += corpus.read(counter::add, detail);
    }
    return skipped;
  }

  /** The vocabulary for word counts, with a progress bar over the merges. */
  static List<String> train(VocabTrainingConfig config, Map<String, Long> counts) {
    WordPieceTrainer trainer =
        new WordPieceTrainer(
            new WordPieceTrainer.Settings(
                config.vocabSize(),
                config.minFrequency(),
                config.limitAlphabet(),
                SpecialTokens.ALL,
                SpecialTokens.CONTINUATION_PREFIX));
    try (Progress progress = Progress.start("merging", Progress.Unit.ITEMS, LOG_INTERVAL)) {
      return trainer.train(
          counts,
          size ->
              progress.update(
                  size, config.vocabSize(), () -> String.format(Locale.ROOT, "%,d tokens", size)));
    }
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
