package io.bertstream.stream;

import io.bertstream.stream.recipe.RandomSegmentSource;
import io.bertstream.stream.recipe.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A bounded uniform sample (reservoir sampling, Algorithm R) of the runs of consecutive sentences
 * of the documents a partition has seen, kept in changelogged state stores so that a restart or a
 * rebalance restores exactly the same sample. Train and eval documents use separate pools, so
 * held-out text never appears in a training example.
 *
 * <p>Because the partition of a document depends only on its key and the order within a partition
 * is fixed, the sample is the same whichever instance processes the partition: random-next segments
 * do not depend on the number of replicas.
 */
public final class SentenceReservoir implements RandomSegmentSource {

  /** Slots looked at when the first drawn one belongs to the excluded document. */
  private static final int MAX_PROBES = 64;

  private final KeyValueStore<String, ReservoirRun> runs;
  private final KeyValueStore<String, Long> counters;
  private final String pool;
  private final int capacity;
  private final int maxRunTokens;

  public SentenceReservoir(
      KeyValueStore<String, ReservoirRun> runs,
      KeyValueStore<String, Long> counters,
      String pool,
      int capacity,
      int maxRunTokens) {
    this.runs = runs;
    this.counters = counters;
    this.pool = pool;
    this.capacity = capacity;
    this.maxRunTokens = maxRunTokens;
  }

  /** Runs offered to the reservoir so far (stored or not). */
  public long seen() {
    Long seen = counters.get(pool + "/seen");
    return seen == null ? 0 : seen;
  }

  @Override
  public Optional<Segment> draw(String excludeDocId, int targetLength, Random random) {
    int filled = (int) Math.min(seen(), capacity);
    if (filled == 0) {
      return Optional.empty();
    }
    int first = random.nextInt(filled);
    for (int probe = 0; probe < Math.min(filled, MAX_PROBES); probe++) {
      ReservoirRun run = runs.get(slot((first + probe) % filled));
      if (run != null && !run.docId().equals(excludeDocId)) {
        return Optional.of(new Segment(run.docId(), segment(run, targetLength, random)));
      }
    }
    return Optional.empty();
  }

  /** Offers a document's sentences, cut into runs of at most {@code maxRunTokens} tokens. */
  public void add(String docId, List<int[]> sentences, Seeds seeds) {
    long seen = seen();
    long runIndex = 0;
    for (List<int[]> run : runs(sentences)) {
      Random random = seeds.forReservoir(docId, runIndex++);
      long slot = seen < capacity ? seen : random.nextLong(seen + 1);
      if (slot < capacity) {
        runs.put(slot(slot), new ReservoirRun(docId, run));
      }
      seen++;
    }
    counters.put(pool + "/seen", seen);
  }

  private List<List<int[]>> runs(List<int[]> sentences) {
    List<List<int[]>> out = new ArrayList<>();
    List<int[]> current = new ArrayList<>();
    int length = 0;
    for (int[] sentence : sentences) {
      int[] kept =
          sentence.length > maxRunTokens
              ? java.util.Arrays.copyOf(sentence, maxRunTokens)
              : sentence;
      if (!current.isEmpty() && length + kept.length > maxRunTokens) {
        out.add(current);
        current = new ArrayList<>();
        length = 0;
      }
      current.add(kept);
      length += kept.length;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static int[] segment(ReservoirRun run, int targetLength, Random random) {
    List<int[]> sentences = run.sentences();
    int start = random.nextInt(sentences.size());
    List<int[]> taken = new ArrayList<>();
    int length = 0;
    for (int i = start; i < sentences.size() && length < targetLength; i++) {
      taken.add(sentences.get(i));
      length += sentences.get(i).length;
    }
    int[] tokens = new int[length];
    int at = 0;
    for (int[] sentence : taken) {
      System.arraycopy(sentence, 0, tokens, at, sentence.length);
      at += sentence.length;
    }
    return tokens;
  }

  private String slot(long index) {
    return pool + "/" + index;
  }
}
