package io.bertstream.stream.recipe;

/**
 * The knobs of BERT's pretraining-data recipe, with the original generator's defaults ({@link
 * #defaults()}: the one place they are written down); change one by name with {@code withX}.
 *
 * @param maxSeqLength length of {@code [CLS] A [SEP] B [SEP]} at most
 * @param maskedLmProb share of non-special tokens chosen for masked-LM
 * @param maxPredictionsPerSeq cap on chosen tokens per example
 * @param shortSeqProb probability of packing to a shorter random target
 * @param randomNextProb probability that B comes from another document
 * @param wholeWordMask choose whole words ({@code ##} pieces with their head) instead of pieces
 * @param seed global seed every random choice derives from
 * @param evalFraction share of documents (by id hash) whose examples go to the eval topic
 * @param reservoirSize runs of sentences each partition keeps for random-next segments
 * @param dupeFactor differently masked copies of every training document (the original's {@code
 *     dupe_factor}; held-out documents always get one)
 */
public record RecipeConfig(
    int maxSeqLength,
    double maskedLmProb,
    int maxPredictionsPerSeq,
    double shortSeqProb,
    double randomNextProb,
    boolean wholeWordMask,
    long seed,
    double evalFraction,
    int reservoirSize,
    int dupeFactor) {

  public RecipeConfig {
    if (maxSeqLength < 5) {
      throw new IllegalArgumentException("max-seq-length must be at least 5: " + maxSeqLength);
    }
    requireProbability("masked-lm-prob", maskedLmProb);
    requireProbability("short-seq-prob", shortSeqProb);
    requireProbability("random-next-prob", randomNextProb);
    requireProbability("eval-fraction", evalFraction);
    if (maxPredictionsPerSeq < 1) {
      throw new IllegalArgumentException("max-predictions-per-seq must be at least 1");
    }
    if (reservoirSize < 1) {
      throw new IllegalArgumentException("reservoir-size must be at least 1");
    }
    if (dupeFactor < 1) {
      throw new IllegalArgumentException(
          "dupe-factor must be at least 1 (1 = one masked copy of each document): " + dupeFactor);
    }
  }

  /**
   * The original recipe: 128 tokens, 15% masking capped at 20, 10% short, 50% random next; one
   * masked copy of each document (the original's dupe factor, 10, multiplies the output tenfold).
   */
  public static RecipeConfig defaults() {
    return new RecipeConfig(128, 0.15, 20, 0.1, 0.5, false, 42L, 0.01, 10_000, 1);
  }

  /** Room for A and B once {@code [CLS]} and two {@code [SEP]} are in. */
  public int maxNumTokens() {
    return maxSeqLength - 3;
  }

  public RecipeConfig withMaxSeqLength(int value) {
    return new RecipeConfig(
        value,
        maskedLmProb,
        maxPredictionsPerSeq,
        shortSeqProb,
        randomNextProb,
        wholeWordMask,
        seed,
        evalFraction,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withMaskedLmProb(double value) {
    return new RecipeConfig(
        maxSeqLength,
        value,
        maxPredictionsPerSeq,
        shortSeqProb,
        randomNextProb,
        wholeWordMask,
        seed,
        evalFraction,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withMaxPredictionsPerSeq(int value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        value,
        shortSeqProb,
        randomNextProb,
        wholeWordMask,
        seed,
        evalFraction,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withShortSeqProb(double value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        maxPredictionsPerSeq,
        value,
        randomNextProb,
        wholeWordMask,
        seed,
        evalFraction,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withRandomNextProb(double value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        maxPredictionsPerSeq,
        shortSeqProb,
        value,
        wholeWordMask,
        seed,
        evalFraction,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withWholeWordMask(boolean value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        maxPredictionsPerSeq,
        shortSeqProb,
        randomNextProb,
        value,
        seed,
        evalFraction,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withSeed(long value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        maxPredictionsPerSeq,
        shortSeqProb,
        randomNextProb,
        wholeWordMask,
        value,
        evalFraction,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withEvalFraction(double value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        maxPredictionsPerSeq,
        shortSeqProb,
        randomNextProb,
        wholeWordMask,
        seed,
        value,
        reservoirSize,
        dupeFactor);
  }

  public RecipeConfig withReservoirSize(int value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        maxPredictionsPerSeq,
        shortSeqProb,
        randomNextProb,
        wholeWordMask,
        seed,
        evalFraction,
        value,
        dupeFactor);
  }

  public RecipeConfig withDupeFactor(int value) {
    return new RecipeConfig(
        maxSeqLength,
        maskedLmProb,
        maxPredictionsPerSeq,
        shortSeqProb,
        randomNextProb,
        wholeWordMask,
        seed,
        evalFraction,
        reservoirSize,
        value);
  }

  private static void requireProbability(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
    }
  }
}
