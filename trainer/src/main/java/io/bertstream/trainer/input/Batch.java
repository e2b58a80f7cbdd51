package io.bertstream.trainer.input;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A padded batch of {@code size} examples, row-major, ready to become the model's inputs, plus the
 * offsets it consumed, which identify its examples (the ledger records them per step).
 *
 * @param size examples (B)
 * @param sequenceLength padded sequence length (T): the longest example in the batch
 * @param predictions padded masked positions per example (P): the most any example has
 * @param inputIds [B, T] token ids, {@code [PAD]} after each example's end
 * @param tokenTypeIds [B, T] 0 for segment A (and padding), 1 for segment B
 * @param attentionMask [B, T] 1 for real tokens, 0 for padding
 * @param maskedPositions [B, P] positions to predict; padding points at 0 with weight 0
 * @param maskedLabels [B, P] original token ids at those positions; padding 0
 * @param maskedWeights [B, P] 1 for real masked positions, 0 for padding
 * @param nextSentenceLabels [B] 0 when segment B continues A, 1 when it is random
 * @param offsets partition → first and last offset consumed by this batch
 * @param cursorAfter the round-robin cursor after this batch
 * @param tokens real (unpadded) tokens in the batch
 * @param pass the pass over the topic its examples were read in (1 for the first)
 */
public record Batch(
    int size,
    int sequenceLength,
    int predictions,
    int[] inputIds,
    int[] tokenTypeIds,
    int[] attentionMask,
    int[] maskedPositions,
    int[] maskedLabels,
    float[] maskedWeights,
    int[] nextSentenceLabels,
    SortedMap<Integer, OffsetRange> offsets,
    int cursorAfter,
    long tokens,
    int pass) {

  public Batch {
    offsets = Collections.unmodifiableSortedMap(new TreeMap<>(offsets));
    if (pass < 1) {
      throw new IllegalArgumentException("passes count from 1, got " + pass);
    }
  }

  /** Masked positions that carry a label (excluding padding). */
  public long maskedTokens() {
    long count = 0;
    for (float weight : maskedWeights) {
      count += weight > 0 ? 1 : 0;
    }
    return count;
  }
}
