package io.bertstream.stream.recipe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Masked-LM selection: {@code maskedLmProb} of the non-special tokens (rounded, at least one, at
 * most {@code maxPredictions}); each chosen token becomes {@code [MASK]} 80% of the time, a random
 * non-special token 10%, and stays itself 10%. Special tokens ({@code [CLS]}, {@code [SEP]}, {@code
 * [PAD]}, ...) are never chosen. With whole-word masking a word's {@code ##} pieces are chosen
 * together with the piece that starts it. A limit restricts the choice to the positions before it.
 */
public record Masker(
    Vocabulary vocabulary, double maskedLmProb, int maxPredictions, boolean wholeWord) {

  /** The ids after masking, the chosen positions (ascending) and their original ids. */
  public record Masked(int[] inputIds, int[] positions, int[] labels) {}

  public Masked mask(int[] ids, Random random) {
    return mask(ids, ids.length, random);
  }

  /** As {@link #mask(int[], Random)}, choosing only among positions below {@code limit}. */
  public Masked mask(int[] ids, int limit, Random random) {
    if (limit < 0) {
      throw new IllegalArgumentException("mask limit must not be negative: " + limit);
    }
    List<int[]> words = candidates(ids, limit);
    int eligible = 0;
    for (int[] word : words) {
      eligible += word.length;
    }
    int toPredict = predictions(eligible);
    Collections.shuffle(words, random);
    int[] output = ids.clone();
    int[] chosen = new int[toPredict];
    int count = 0;
    for (int[] word : words) {
      if (count >= toPredict) {
        break;
      }
      if (count + word.length > toPredict) {
        continue;
      }
      for (int position : word) {
        chosen[count++] = position;
        output[position] = replacement(ids[position], random);
      }
    }
    int[] positions = Arrays.copyOf(chosen, count);
    Arrays.sort(positions);
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = ids[positions[i]];
    }
    return new Masked(output, positions, labels);
  }

  /** How many tokens are chosen among {@code eligible} non-special ones. */
  public int predictions(int eligible) {
    if (eligible == 0) {
      return 0;
    }
    return (int) Math.min(maxPredictions, Math.max(1, Math.round(eligible * maskedLmProb)));
  }

  private int replacement(int original, Random random) {
    if (random.nextDouble() < 0.8) {
      return vocabulary.maskId();
    }
    if (random.nextDouble() < 0.5) {
      return original;
    }
    int id;
    do {
      id = random.nextInt(vocabulary.vocabSize());
    } while (vocabulary.isSpecial(id));
    return id;
  }

  /** Groups of positions chosen together: single pieces, or whole words. */
  private List<int[]> candidates(int[] ids, int limit) {
    List<int[]> groups = new ArrayList<>();
    int[] current = null;
    int end = Math.min(limit, ids.length);
    for (int i = 0; i < end; i++) {
      if (vocabulary.isSpecial(ids[i])) {
        current = null;
        continue;
      }
      boolean joins = wholeWord && current != null && vocabulary.isContinuation(ids[i]) && i > 0;
      if (joins) {
        current = Arrays.copyOf(current, current.length + 1);
        current[current.length - 1] = i;
        groups.set(groups.size() - 1, current);
      } else {
        current = new int[] {i};
        groups.add(current);
      }
    }
    return groups;
  }
}
