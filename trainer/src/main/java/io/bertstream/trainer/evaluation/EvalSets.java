package io.bertstream.trainer.evaluation;

import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.BatchBuilder;
import io.bertstream.trainer.input.EvalSample;
import io.bertstream.trainer.input.EvalSampleSource;
import io.bertstream.trainer.input.OffsetRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two evaluation sets, read on a background thread so that training never waits for the eval
 * topic:
 *
 * <ul>
 *   <li>the <b>fixed</b> set, for a curve comparable across the whole run and its restarts: the
 *       first {@code size} valid examples of the eval topic in round-robin order, recorded by their
 *       offset ranges (checkpointed with every checkpoint) and read again by those ranges after a
 *       restart. While the topic holds fewer, the choice waits (training goes on, evaluations carry
 *       no fixed scores), and is made with what there is once the topic held the same records at
 *       two attempts in a row (it has stopped growing). It grows only when a run starts with {@code
 *       grow}: then the first valid examples after its ranges are added up to {@code size};
 *   <li>the <b>recent</b> set: the newest valid examples of every partition, read again before each
 *       evaluation, which shows whether the model keeps up with what arrives now.
 * </ul>
 *
 * {@link #start()} makes the first attempt at the fixed set (so a run whose eval topic is already
 * there evaluates it from the first evaluation on); {@link #refresh()}, called a little before each
 * evaluation, starts what is due (a read at a time of each); {@link #fixed()} and {@link #recent()}
 * give what has been read so far. A failed read (the broker silent for its timeout, the schema
 * registry unreachable) is rethrown by the next {@code fixed()} or {@code recent()}, failing the
 * run as a failed reader does.
 */
public final class EvalSets implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EvalSets.class);

  /** Batches ready to evaluate and how many examples they hold. */
  record Loaded(List<Batch> batches, int examples) {}

  private final EvalSampleSource source;
  private final int size;
  private final boolean grow;
  private final int recentPerPartition;
  private final int batchSize;
  private final BatchBuilder builder;
  private final Executor executor;
  private final ExecutorService owned;
  // Written by the background thread, read by the training thread.
  private volatile SortedMap<Integer, OffsetRange> ranges;
  private volatile Loaded fixed;
  private volatile Loaded recent;
  // Confined to the training thread.
  private CompletableFuture<Void> fixedRead;
  private CompletableFuture<Void> recentRead;
  // Used by one read at a time (start() runs before any background read).
  private Map<Integer, Long> previousEnds;

  /**
   * @param size examples in the fixed set
   * @param grow let this run grow a recorded set that is smaller than {@code size}
   * @param recentPerPartition newest examples per partition in the recent set, 0 for none
   * @param recorded the fixed set's ranges from the checkpoint, empty when not chosen yet
   */
  public EvalSets(
      EvalSampleSource source,
      int size,
      boolean grow,
      int recentPerPartition,
      SortedMap<Integer, OffsetRange> recorded,
      int batchSize,
      BatchBuilder builder) {
    this(source, size, grow, recentPerPartition, recorded, batchSize, builder, null);
  }

  /**
   * As the public constructor, the reads run on {@code executor} (a direct one makes them
   * synchronous); null: on a thread of its own, which {@link #close()} ends.
   */
  EvalSets(
      EvalSampleSource source,
      int size,
      boolean grow,
      int recentPerPartition,
      SortedMap<Integer, OffsetRange> recorded,
      int batchSize,
      BatchBuilder builder,
      Executor executor) {
    this.source = source;
    this.size = size;
    this.grow = grow;
    this.recentPerPartition = recentPerPartition;
    this.ranges = new TreeMap<>(recorded);
    this.batchSize = batchSize;
    this.builder = builder;
    this.owned =
        executor != null
            ? null
            : Executors.newSingleThreadExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "eval-reader");
                  thread.setDaemon(true);
                  return thread;
                });
    this.executor = executor != null ? executor : owned;
  }

  /**
   * The first attempt at the fixed set, on the caller's thread — a bounded read that takes what the
   * topic holds and never waits for it to fill — then the recent set's first read in the
   * background.
   */
  public void start() {
    if (fixed == null) {
      loadFixed();
    }
    if (recentPerPartition > 0 && recentRead == null) {
      recentRead = CompletableFuture.runAsync(this::readRecent, executor);
    }
  }

  /** Starts the reads that are due: the fixed set until it is loaded, the recent set again. */
  public void refresh() {
    if (fixed == null && (fixedRead == null || fixedRead.isDone())) {
      rethrowFailure(fixedRead);
      fixedRead = CompletableFuture.runAsync(this::loadFixed, executor);
    }
    if (recentPerPartition > 0 && (recentRead == null || recentRead.isDone())) {
      rethrowFailure(recentRead);
      recentRead = CompletableFuture.runAsync(this::readRecent, executor);
    }
  }

  /** The fixed set, once chosen and read. */
  Optional<Loaded> fixed() {
    rethrowFailure(fixedRead);
    return Optional.ofNullable(fixed);
  }

  /** The recent set read last, if one was. */
  Optional<Loaded> recent() {
    rethrowFailure(recentRead);
    return Optional.ofNullable(recent);
  }

  /** The fixed set's offset ranges, to checkpoint; empty until it is chosen. */
  public SortedMap<Integer, OffsetRange> ranges() {
    return ranges;
  }

  private void loadFixed() {
    SortedMap<Integer, OffsetRange> recorded = ranges;
    EvalSample sample;
    if (!recorded.isEmpty()) {
      sample = source.within(recorded);
      if (grow && sample.size() < size) {
        Map<Integer, Long> after = new TreeMap<>();
        recorded.forEach((partition, range) -> after.put(partition, range.last() + 1));
        EvalSample more = source.first(size - sample.size(), after);
        LOG.info(
            "growing the fixed evaluation set from {} to {} examples (--grow-eval-set)",
            sample.size(),
            sample.size() + more.size());
        sample = sample.plus(more);
      }
    } else {
      sample = source.first(size, Map.of());
      boolean settled = !sample.isEmpty() && sample.endOffsets().equals(previousEnds);
      previousEnds = sample.endOffsets();
      if (sample.size() < size && !settled) {
        LOG.info(
            "the evaluation topic holds {} of the {} examples of the fixed set: choosing it later",
            sample.size(),
            size);
        return;
      }
    }
    ranges = sample.ranges();
    fixed = new Loaded(sample.batches(batchSize, builder), sample.size());
    LOG.info("fixed evaluation set: {} examples, offsets {}", sample.size(), sample.ranges());
  }

  private void readRecent() {
    EvalSample sample = source.newest(recentPerPartition);
    if (!sample.isEmpty()) {
      recent = new Loaded(sample.batches(batchSize, builder), sample.size());
    }
  }

  private static void rethrowFailure(CompletableFuture<Void> read) {
    if (read == null || !read.isCompletedExceptionally()) {
      return;
    }
    try {
      read.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    if (owned == null) {
      return;
    }
    owned.shutdownNow();
    try {
      if (!owned.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("the evaluation reader did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
