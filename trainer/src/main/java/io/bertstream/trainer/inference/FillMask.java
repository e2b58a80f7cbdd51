package io.bertstream.trainer.inference;

import ai.djl.ndarray.NDManager;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.MaskedLmPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The model's top guesses, with probabilities, for every {@code [MASK]} of a text. Special tokens
 * ({@code [CLS]}, {@code [SEP]}, {@code [PAD]}, {@code [MASK]}, {@code [UNK]}) are never guessed:
 * they are no text to fill in. The probabilities stay the model's, over the whole vocabulary.
 */
public final class FillMask {

  /** Guesses shown per {@code [MASK]} unless asked for another number. */
  public static final int DEFAULT_TOP_K = 5;

  /** One candidate token, as evaluations journal it. */
  public record Guess(String token, float probability) {}

  /** One candidate token with its id, for output that names ids. */
  public record Candidate(String token, int id, float probability) {

    public Guess guess() {
      return new Guess(token, probability);
    }
  }

  private final BertForPreTraining model;
  private final BertTokenizer tokenizer;
  private final int specialTokens;

  public FillMask(BertForPreTraining model, BertTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.specialTokens =
        (int) IntStream.range(0, tokenizer.vocabSize()).filter(tokenizer::isSpecial).count();
  }

  /** Per {@code [MASK]} in order, the top {@code k} tokens, most probable first. */
  public List<List<Guess>> predict(NDManager parent, String text, int k) {
    return candidates(parent, text, k).stream()
        .map(atMask -> atMask.stream().map(Candidate::guess).toList())
        .toList();
  }

  /** {@link #predict} with each token's id. */
  public List<List<Candidate>> candidates(NDManager parent, String text, int k) {
    MaskedText masked = MaskedText.encode(tokenizer, text);
    int maxPositions = model.config().maxPositions();
    if (masked.inputIds().length > maxPositions) {
      throw new IllegalArgumentException(
          "text is " + masked.inputIds().length + " tokens, the model takes " + maxPositions);
    }
    try (NDManager manager = parent.newSubManager()) {
      List<List<MaskedLmPredictor.Prediction>> predictions =
          new MaskedLmPredictor(model)
              .predict(
                  manager,
                  masked.inputIds(),
                  new int[masked.inputIds().length],
                  masked.maskPositions(),
                  // enough candidates that k remain once the special tokens are dropped
                  k + specialTokens);
      List<List<Candidate>> guesses = new ArrayList<>();
      for (List<MaskedLmPredictor.Prediction> atPosition : predictions) {
        guesses.add(
            atPosition.stream()
                .filter(p -> !tokenizer.isSpecial(p.tokenId()))
                .limit(k)
                .map(p -> new Candidate(tokenizer.token(p.tokenId()), p.tokenId(), p.probability()))
                .toList());
      }
      return guesses;
    }
  }

  /** {@code "the 0.231, a 0.102, ..."} for one mask. */
  public static String format(List<Guess> guesses) {
    return guesses.stream()
        .map(g -> String.format(Locale.ROOT, "%s %.3f", g.token(), g.probability()))
        .collect(Collectors.joining(", "));
  }
}
