package io.bertstream.tokenizer.train;

import io.bertstream.tokenizer.Normalization;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts normalized, pre-tokenized words as text streams by; memory grows with the number of
 * distinct words, not with the corpus.
 */
public final class WordCounter {

  private final BertNormalizer normalizer;
  private final Map<String, long[]> counts = new HashMap<>();
  private long words;

  public WordCounter(Normalization normalization) {
    this.normalizer = new BertNormalizer(normalization);
  }

  public void add(String text) {
    BertPreTokenizer.split(normalizer.normalize(text), this::count);
  }

  private void count(String word) {
    counts.computeIfAbsent(word, w -> new long[1])[0]++;
    words++;
  }

  /** Words seen so far, repeats included. */
  public long words() {
    return words;
  }

  /** Distinct words seen so far. */
  public int types() {
    return counts.size();
  }

  /** A snapshot of the counts. */
  public Map<String, Long> counts() {
    Map<String, Long> snapshot = new HashMap<>(counts.size() * 2);
    counts.forEach((word, count) -> snapshot.put(word, count[0]));
    return snapshot;
  }
}
