package io.bertstream.stream.recipe;

import java.util.List;
import java.util.Random;

/**
 * Splits a packed chunk of sentences into segments A and B at a random sentence boundary. For a
 * true-next pair B is the rest of the chunk; for a random-next pair B comes from another document
 * and the chunk's unused sentences are given back, so the next chunk starts with them (as BERT's
 * generator does).
 *
 * <p>A chunk of one sentence has no sentence boundary; its true-next pair splits the sentence at a
 * random token instead, so that true-next stays possible and NSP can stay balanced.
 */
public final class PairBuilder {

  private PairBuilder() {}

  /** A and B plus the sentence index the next chunk starts at; {@code bMaskable} as in Segment. */
  public record Pair(
      int[] a, int[] b, boolean randomNext, String bDocId, int nextSentence, boolean bMaskable) {}

  /** Whether {@link #trueNext} can make a pair from sentences {@code [start, end)}. */
  public static boolean canTrueNext(List<int[]> sentences, int start, int end) {
    return end - start >= 2 || sentences.get(start).length >= 2;
  }

  /** The sentence index where B starts: a random boundary inside the chunk. */
  public static int splitPoint(int start, int end, Random random) {
    return end - start >= 2 ? start + 1 + random.nextInt(end - start - 1) : start + 1;
  }

  public static Pair trueNext(
      List<int[]> sentences, int start, int end, int aEnd, String docId, Random random) {
    if (end - start >= 2) {
      return new Pair(
          concat(sentences, start, aEnd), concat(sentences, aEnd, end), false, docId, end, true);
    }
    int[] sentence = sentences.get(start);
    int cut = 1 + random.nextInt(sentence.length - 1);
    return new Pair(
        java.util.Arrays.copyOfRange(sentence, 0, cut),
        java.util.Arrays.copyOfRange(sentence, cut, sentence.length),
        false,
        docId,
        end,
        true);
  }

  public static Pair randomNext(
      List<int[]> sentences, int start, int aEnd, RandomSegmentSource.Segment segment) {
    return new Pair(
        concat(sentences, start, aEnd),
        segment.tokens(),
        true,
        segment.docId(),
        aEnd,
        segment.maskable());
  }

  /** The tokens of sentences {@code [from, to)} in order. */
  public static int[] concat(List<int[]> sentences, int from, int to) {
    int length = 0;
    for (int i = from; i < to; i++) {
      length += sentences.get(i).length;
    }
    int[] out = new int[length];
    int at = 0;
    for (int i = from; i < to; i++) {
      int[] sentence = sentences.get(i);
      System.arraycopy(sentence, 0, out, at, sentence.length);
      at += sentence.length;
    }
    return out;
  }
}
