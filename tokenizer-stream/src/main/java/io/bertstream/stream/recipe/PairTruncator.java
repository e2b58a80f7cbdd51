package io.bertstream.stream.recipe;

import java.util.Arrays;
import java.util.Random;

/**
 * Shortens a pair until it fits: one token at a time from the longer side, from its front or its
 * back at random (so the model does not learn that sequences always end or start cleanly).
 */
public record PairTruncator(int maxNumTokens) {

  /** The pair with {@code a.length + b.length <= maxNumTokens}; inputs are not modified. */
  public TokenPair truncate(int[] a, int[] b, Random random) {
    int aFrom = 0;
    int aTo = a.length;
    int bFrom = 0;
    int bTo = b.length;
    while ((aTo - aFrom) + (bTo - bFrom) > maxNumTokens) {
      boolean trimA = (aTo - aFrom) > (bTo - bFrom);
      boolean front = random.nextDouble() < 0.5;
      if (trimA) {
        if (front) {
          aFrom++;
        } else {
          aTo--;
        }
      } else if (front) {
        bFrom++;
      } else {
        bTo--;
      }
    }
    return new TokenPair(Arrays.copyOfRange(a, aFrom, aTo), Arrays.copyOfRange(b, bFrom, bTo));
  }

  /** Segments A and B of one example, without special tokens. */
  public record TokenPair(int[] a, int[] b) {}
}
