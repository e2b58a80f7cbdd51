package io.bertstream.tokenizer.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How {@code bertstream vocab train} builds a vocabulary (where its texts come from is a {@link
 * TextCorpus}). Start from {@link #of} (every other setting at its default) and change settings by
 * name with {@code withX}.
 *
 * @param vocabSize target number of tokens, specials included
 * @param minFrequency a pair rarer than this is never merged
 * @param cased keep case and accents (else lowercase and strip accents)
 * @param limitAlphabet keep at most this many initial characters ({@code <= 0}: all)
 * @param out the tokenizer.json to write (a name not ending in .json is a directory to write
 *     tokenizer.json into); vocab.txt goes beside it
 */
public record VocabTrainingConfig(
    int vocabSize, long minFrequency, boolean cased, int limitAlphabet, Path out) {

  public VocabTrainingConfig {
    if (vocabSize < 6) {
      throw new IllegalArgumentException("vocabulary size must be at least 6, got " + vocabSize);
    }
  }

  /**
   * Writes {@code out}; everything else at its default: BERT's 30,522 tokens, pairs seen at least
   * twice, uncased, an alphabet of the 1,000 most frequent characters.
   */
  public static VocabTrainingConfig of(Path out) {
    return new VocabTrainingConfig(30_522, 2, false, 1000, out);
  }

  /** Every setting at its default, for the command line to start from and show in its help. */
  public static VocabTrainingConfig defaults() {
    return of(Path.of("tokenizer.json"));
  }

  public VocabTrainingConfig withVocabSize(int value) {
    return new VocabTrainingConfig(value, minFrequency, cased, limitAlphabet, out);
  }

  public VocabTrainingConfig withMinFrequency(long value) {
    return new VocabTrainingConfig(vocabSize, value, cased, limitAlphabet, out);
  }

  public VocabTrainingConfig withCased(boolean value) {
    return new VocabTrainingConfig(vocabSize, minFrequency, value, limitAlphabet, out);
  }

  public VocabTrainingConfig withLimitAlphabet(int value) {
    return new VocabTrainingConfig(vocabSize, minFrequency, cased, value, out);
  }

  public VocabTrainingConfig withOut(Path value) {
    return new VocabTrainingConfig(vocabSize, minFrequency, cased, limitAlphabet, value);
  }

  /** The tokenizer.json path {@link #out} names: itself if it ends in .json, else inside it. */
  public Path tokenizerJson() {
    boolean file =
        out.getFileName() != null
            && out.getFileName().toString().endsWith(".json")
            && !Files.isDirectory(out);
    return file ? out : out.resolve("tokenizer.json");
  }

  /** vocab.txt beside the tokenizer.json. */
  public Path vocabTxt() {
    return tokenizerJson().resolveSibling("vocab.txt");
  }
}
