package io.bertstream.stream.recipe;

import java.util.List;
import java.util.Random;

/**
 * Packs consecutive sentences greedily until they reach a target length, as BERT's data generator
 * does: usually the full {@code maxNumTokens}, with probability {@code shortSeqProb} a shorter
 * random target in [2, maxNumTokens] so the model also sees short sequences.
 */
public record SegmentPacker(int maxNumTokens, double shortSeqProb) {

  public SegmentPacker {
    if (maxNumTokens < 2) {
      throw new IllegalArgumentException("maxNumTokens must be at least 2: " + maxNumTokens);
    }
  }

  /** The token target of the next chunk. */
  public int target(Random random) {
    if (random.nextDouble() < shortSeqProb) {
      return 2 + random.nextInt(maxNumTokens - 1);
    }
    return maxNumTokens;
  }

  /**
   * The end (exclusive) of the chunk that starts at sentence {@code start}: sentences are added
   * until their tokens reach {@code target} or the document ends. Always at least one sentence.
   */
  public int packEnd(List<int[]> sentences, int start, int target) {
    int length = 0;
    int end = start;
    while (end < sentences.size()) {
      length += sentences.get(end).length;
      end++;
      if (length >= target) {
        break;
      }
    }
    return end;
  }
}
