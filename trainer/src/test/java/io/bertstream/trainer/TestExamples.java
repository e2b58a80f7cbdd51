package io.bertstream.trainer;

import io.bertstream.avro.PretrainingExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic pretraining examples over a tiny vocabulary: {@code [CLS] A [SEP] B [SEP]} with random
 * word ids, ~15% of them masked, half the pairs "random next". Seeded, so reproducible.
 */
public final class TestExamples {

  /** Word tokens after the five special ones ([PAD] [UNK] [CLS] [SEP] [MASK]). */
  public static final int WORDS = 59;

  private TestExamples() {}

  /**
   * Where a vocabulary keeps the tokens examples are made of: [CLS], [SEP], [MASK] and the first of
   * {@link #WORDS} consecutive words.
   */
  public record Layout(int cls, int sep, int mask, int firstWord) {

    /** The order {@code vocab train} gives: [PAD] [UNK] [CLS] [SEP] [MASK], then the words. */
    public static final Layout TRAINED = new Layout(2, 3, 4, 5);
  }

  /** Writes a vocab.txt of the special tokens and {@link #WORDS} words; returns its path. */
  public static Path writeVocab(Path dir) throws IOException {
    List<String> lines = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    for (int i = 0; i < WORDS; i++) {
      lines.add(word(i));
    }
    Path file = dir.resolve("vocab.txt");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  /** The i-th word: "aa", "ab", ... (lowercase, so any BERT normalisation keeps it). */
  public static String word(int i) {
    return String.format(Locale.ROOT, "%c%c", (char) ('a' + i / 26 % 26), (char) ('a' + i % 26));
  }

  /** One example; its content depends only on {@code seed} and {@code index}. */
  public static PretrainingExample example(String tokenizerId, long seed, int index) {
    return example(tokenizerId, seed, index, 3, 8);
  }

  /** One example whose segments have {@code minLength} to {@code minLength + spread - 1} words. */
  public static PretrainingExample example(
      String tokenizerId, long seed, int index, int minLength, int spread) {
    return example(Layout.TRAINED, tokenizerId, seed, index, minLength, spread);
  }

  /** {@link #example(String, long, int)} in the ids of a vocabulary laid out as {@code ids}. */
  public static PretrainingExample example(Layout ids, String tokenizerId, long seed, int index) {
    return example(ids, tokenizerId, seed, index, 3, 8);
  }

  private static PretrainingExample example(
      Layout layout, String tokenizerId, long seed, int index, int minLength, int spread) {
    Random random = new Random(seed * 1_000_003L + index);
    int lengthA = minLength + random.nextInt(spread);
    int lengthB = minLength + random.nextInt(spread);
    List<Integer> ids = new ArrayList<>();
    ids.add(layout.cls());
    for (int i = 0; i < lengthA; i++) {
      ids.add(layout.firstWord() + random.nextInt(WORDS));
    }
    ids.add(layout.sep());
    int segmentB = ids.size();
    for (int i = 0; i < lengthB; i++) {
      ids.add(layout.firstWord() + random.nextInt(WORDS));
    }
    ids.add(layout.sep());
    List<Integer> positions = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int t = 1; t < ids.size() - 1; t++) {
      if (t != segmentB - 1 && random.nextDouble() < 0.15) {
        positions.add(t);
        labels.add(ids.get(t));
        ids.set(t, layout.mask());
      }
    }
    if (positions.isEmpty()) {
      positions.add(1);
      labels.add(ids.get(1));
      ids.set(1, layout.mask());
    }
    return PretrainingExample.newBuilder()
        .setId("doc-" + index + "/0")
        .setDocId("doc-" + index)
        .setBDocId("doc-" + index)
        .setInputIds(ids)
        .setSegmentBStart(segmentB)
        .setMaskedPositions(positions)
        .setMaskedLabels(labels)
        .setIsRandomNext(random.nextBoolean())
        .setTokenizerId(tokenizerId)
        .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }
}
