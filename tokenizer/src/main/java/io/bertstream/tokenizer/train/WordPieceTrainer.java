package io.bertstream.tokenizer.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * WordPiece vocabulary training as HuggingFace's {@code WordPieceTrainer} does it: BPE-style merges
 * over word counts, with {@code ##} marking pieces that continue a word.
 *
 * <ol>
 *   <li>The special tokens take the first ids.
 *   <li>The alphabet: every character of the words, weighted by word count; past {@code
 *       limitAlphabet} only the most frequent are kept (ties: lower code point). They are added in
 *       code-point order, then their {@code ##} forms (for characters seen inside a word), also in
 *       code-point order. Characters outside the alphabet are dropped from words, as HuggingFace
 *       does.
 *   <li>Repeatedly the most frequent adjacent pair is merged in every word (ties: the pair with the
 *       lower left id, then the lower right id); the joined token ({@code ##} of the right part
 *       removed) joins the vocabulary unless it is there already. It stops at {@code vocabSize}
 *       tokens, when no pair is left, or when the best pair is rarer than {@code minFrequency}.
 * </ol>
 *
 * <p>Pair counts are kept incrementally: a merge only touches the words that contain the pair, and
 * a priority queue with lazily refreshed entries finds the next best pair. Differences from
 * HuggingFace: ids of {@code ##} characters and alphabet ties follow a fixed rule here rather than
 * hash order, and a merged pair's count is exact (HuggingFace leaves it stale), so the output is
 * byte-identical from run to run.
 */
public final class WordPieceTrainer {

  /** Training settings; {@code limitAlphabet <= 0} keeps every character. */
  public record Settings(
      int vocabSize,
      long minFrequency,
      int limitAlphabet,
      List<String> specialTokens,
      String continuationPrefix) {
    public Settings {
      specialTokens = List.copyOf(specialTokens);
      if (vocabSize < specialTokens.size()) {
        throw new IllegalArgumentException(
            "vocabulary size " + vocabSize + " is below the " + specialTokens.size() + " specials");
      }
    }
  }

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingLong(Candidate::count)
          .reversed()
          .thenComparingInt(Candidate::left)
          .thenComparingInt(Candidate::right);

  private final Settings settings;

  public WordPieceTrainer(Settings settings) {
    this.settings = settings;
  }

  /**
   * The vocabulary in id order.
   *
   * @param progress hears the vocabulary size after every merge
   */
  public List<String> train(Map<String, Long> wordCounts, IntConsumer progress) {
    return new Run(wordCounts).train(progress);
  }

  /** A pair on the queue with the count it had when queued; stale entries are refreshed. */
  private record Candidate(long count, int left, int right) {}

  /** The current count of one adjacent pair and the words it was ever added to. */
  private static final class PairStats {
    final int left;
    final int right;
    long count;
    int[] words = new int[2];
    int size;
    int touchedInMerge = -1;

    PairStats(int left, int right) {
      this.left = left;
      this.right = right;
    }

    void addWord(int word) {
      if (size > 0 && words[size - 1] == word) {
        return;
      }
      if (size == words.length) {
        words = Arrays.copyOf(words, size * 2);
      }
      words[size++] = word;
    }
  }

  /** The mutable state of one training run. */
  private final class Run {
    private final List<String> vocab = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Long, PairStats> pairs = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>(BEST_FIRST);
    private final List<PairStats> grown = new ArrayList<>();
    private final int[][] symbols;
    private final int[] lengths;
    private final long[] counts;
    private int merge;

    Run(Map<String, Long> wordCounts) {
      settings.specialTokens().forEach(this::add);
      List<String> words = new ArrayList<>(wordCounts.keySet());
      words.sort(null);
      addAlphabet(words, wordCounts);
      symbols = new int[words.size()][];
      lengths = new int[words.size()];
      counts = new long[words.size()];
      for (int w = 0; w < words.size(); w++) {
        symbols[w] = split(words.get(w));
        lengths[w] = symbols[w].length;
        counts[w] = wordCounts.get(words.get(w));
      }
    }

    private int add(String token) {
      return ids.computeIfAbsent(
          token,
          t -> {
            vocab.add(t);
            return vocab.size() - 1;
          });
    }

    private void addAlphabet(List<String> words, Map<String, Long> wordCounts) {
      Map<Integer, long[]> frequency = new HashMap<>();
      for (String word : words) {
        long count = wordCounts.get(word);
        word.codePoints().forEach(c -> frequency.computeIfAbsent(c, k -> new long[1])[0] += count);
      }
      List<Integer> chars = new ArrayList<>(frequency.keySet());
      chars.sort(
          Comparator.<Integer>comparingLong(c -> frequency.get(c)[0])
              .reversed()
              .thenComparing(Comparator.naturalOrder()));
      if (settings.limitAlphabet() > 0 && chars.size() > settings.limitAlphabet()) {
        chars = chars.subList(0, settings.limitAlphabet());
      }
      TreeSet<Integer> alphabet = new TreeSet<>(chars);
      alphabet.forEach(c -> add(Character.toString(c)));
      TreeSet<Integer> continuing = new TreeSet<>();
      for (String word : words) {
        word.codePoints().skip(1).filter(alphabet::contains).forEach(continuing::add);
      }
      continuing.forEach(c -> add(settings.continuationPrefix() + Character.toString(c)));
    }

    /** A word as alphabet ids; characters outside the alphabet are dropped. */
    private int[] split(String word) {
      int[] out = new int[word.length()];
      int n = 0;
      int position = 0;
      for (int i = 0; i < word.length(); ) {
        int c = word.codePointAt(i);
        i += Character.charCount(c);
        String piece = Character.toString(c);
        if (ids.containsKey(piece)) {
          Integer id = ids.get(position == 0 ? piece : settings.continuationPrefix() + piece);
          out[n++] = id;
        }
        position++;
      }
      return Arrays.copyOf(out, n);
    }

    List<String> train(IntConsumer progress) {
      countPairs();
      while (vocab.size() < settings.vocabSize()) {
        Candidate best = queue.poll();
        if (best == null) {
          break;
        }
        long key = key(best.left(), best.right());
        PairStats stats = pairs.get(key);
        long current = stats == null ? 0 : stats.count;
        if (best.count() != current) {
          // A stale entry: requeue it if the pair shrank; a pair that grew was queued anew.
          if (best.count() > current && current > 0) {
            queue.add(new Candidate(current, best.left(), best.right()));
          }
          continue;
        }
        if (current < 1 || current < settings.minFrequency()) {
          break;
        }
        pairs.remove(key);
        mergeEverywhere(best.left(), best.right(), stats);
        progress.accept(vocab.size());
      }
      return List.copyOf(vocab);
    }

    private void countPairs() {
      for (int w = 0; w < symbols.length; w++) {
        int[] s = symbols[w];
        for (int i = 0; i + 1 < lengths[w]; i++) {
          int a = s[i];
          int b = s[i + 1];
          PairStats stats = pairs.computeIfAbsent(key(a, b), k -> new PairStats(a, b));
          stats.count += counts[w];
          stats.addWord(w);
        }
      }
      pairs
          .values()
          .forEach(stats -> queue.add(new Candidate(stats.count, stats.left, stats.right)));
    }

    private void mergeEverywhere(int left, int right, PairStats stats) {
      String rightText = vocab.get(right);
      String prefix = settings.continuationPrefix();
      if (rightText.startsWith(prefix)) {
        rightText = rightText.substring(prefix.length());
      }
      int joined = add(vocab.get(left) + rightText);
      merge++;
      for (int i = 0; i < stats.size; i++) {
        mergeWord(stats.words[i], left, right, joined);
      }
      for (PairStats pair : grown) {
        if (pair.count > 0) {
          queue.add(new Candidate(pair.count, pair.left, pair.right));
        }
      }
      grown.clear();
    }

    /** Replaces every (left, right) of one word by joined, updating the neighbours' counts. */
    private void mergeWord(int w, int left, int right, int joined) {
      int[] s = symbols[w];
      int length = lengths[w];
      long count = counts[w];
      int out = 0;
      int i = 0;
      while (i < length) {
        if (i + 1 < length && s[i] == left && s[i + 1] == right) {
          if (out > 0) {
            change(s[out - 1], left, -count, w);
            change(s[out - 1], joined, count, w);
          }
          if (i + 2 < length) {
            change(right, s[i + 2], -count, w);
            change(joined, s[i + 2], count, w);
          }
          s[out++] = joined;
          i += 2;
        } else {
          s[out++] = s[i++];
        }
      }
      lengths[w] = out;
    }

    private void change(int left, int right, long delta, int word) {
      long key = key(left, right);
      PairStats stats = pairs.get(key);
      if (stats == null) {
        stats = new PairStats(left, right);
        pairs.put(key, stats);
      }
      stats.count += delta;
      if (delta > 0) {
        stats.addWord(word);
        if (stats.touchedInMerge != merge) {
          stats.touchedInMerge = merge;
          grown.add(stats);
        }
      }
    }
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }
}
