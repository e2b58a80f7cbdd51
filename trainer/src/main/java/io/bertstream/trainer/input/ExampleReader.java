package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.ClientFailures;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.topic.DecodingFailures;
import io.bertstream.runtime.topic.StartPosition;
import io.bertstream.runtime.topic.TopicAssignment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the examples topic on a background thread and hands padded batches to the training loop
 * through a bounded prefetch queue, so the loop never waits on Kafka while data is available.
 *
 * <p>The reader assigns itself every partition of the topic with {@link TopicAssignment} (no group
 * membership, so no rebalances to disturb the batch order), seeks to the {@link InputPosition} of
 * the checkpoint, and composes batches with {@link RoundRobinComposer}. Its consumer reads
 * committed data only ({@link ExampleConsumers#examples}), so an aborted or open transaction of the
 * tokenizer-stream is never trained on. When the topic is drained it blocks in {@code poll}, it
 * never spins. Undecodable or malformed records are skipped, counted and logged; a schema registry
 * outage ({@link DecodingFailures}) or an example made with another tokenizer stops the reader, and
 * {@link #take} rethrows that failure.
 *
 * <p>Passes ({@code --epochs}): every pass but the last ends when the topic is <em>drained</em> —
 * every partition read up to its end offset (the last stable offset, so new records that arrive
 * before the reader gets there belong to the pass) and a poll of {@value #POLL_MILLIS} ms brought
 * nothing new. The partial batch left then is emitted as it is (a batch never spans two passes),
 * and the next pass reads every partition again from its beginning, with the cursor at the first
 * partition. A pass that found no example does not end. The last pass (the only one by default)
 * follows the topic for as long as the run lasts, as a single pass always did. Each batch carries
 * its pass, and the checkpointed {@link InputPosition} holds it, so a resumed run continues in the
 * same pass; on a topic whose data is already there, where a pass ends depends on the records only.
 */
public final class ExampleReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExampleReader.class);
  private static final long POLL_MILLIS = 500;
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(POLL_MILLIS);
  private static final Duration OFFER_TIMEOUT = Duration.ofMillis(200);
  // The consumer's default.api.timeout.ms, which the assignment's requests waited before.
  private static final Duration ASSIGN_TIMEOUT = Duration.ofMinutes(1);

  private final Consumer<String, PretrainingExample> consumer;
  private final String topic;
  private final InputPosition start;
  private final int batchSize;
  private final int epochs;
  private final int bufferLimit;
  private final ExampleValidator validator;
  private final BatchBuilder builder;
  private final MeterRegistry registry;
  private final BlockingQueue<Batch> queue;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Map<Integer, Long> endOffsets = new ConcurrentHashMap<>();
  private final AtomicLong skipped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;
  // Owned by the reading thread.
  private int pass;
  private boolean passFoundData;
  private boolean drained;

  /**
   * @param consumer a {@code read_committed} consumer without auto-commit; the reader owns and
   *     closes it
   * @param prefetch how many complete batches may wait in the queue
   * @param epochs passes over the topic: the last one follows the topic while the run lasts; 0 for
   *     passes without end
   */
  public ExampleReader(
      Consumer<String, PretrainingExample> consumer,
      String topic,
      InputPosition start,
      int batchSize,
      int prefetch,
      int epochs,
      ExampleValidator validator,
      BatchBuilder builder,
      MeterRegistry registry) {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    this.consumer = consumer;
    this.topic = topic;
    this.start = start;
    this.batchSize = batchSize;
    this.epochs = epochs;
    this.bufferLimit = Math.max(1024, 4 * batchSize);
    this.validator = validator;
    this.builder = builder;
    this.registry = registry;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, prefetch));
    this.thread = new Thread(this::readLoop, "example-reader");
    this.thread.setDaemon(true);
  }

  public ExampleReader start() {
    thread.start();
    return this;
  }

  /**
   * The next batch, waiting at most {@code timeout}.
   *
   * @throws RuntimeException the reader's failure (e.g. {@link TokenizerMismatchException})
   */
  public Optional<Batch> take(Duration timeout) throws InterruptedException {
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    Batch batch = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (batch == null && (failed = failure.get()) != null) {
      throw failed;
    }
    return Optional.ofNullable(batch);
  }

  /** Records skipped so far because they could not be decoded or were malformed. */
  public long skipped() {
    return skipped.get();
  }

  /**
   * The end offsets seen last (the last stable offset, as this consumer reads committed data only).
   */
  public Map<Integer, Long> endOffsets() {
    return Map.copyOf(endOffsets);
  }

  @Override
  public void close() {
    closing = true;
    // No interrupt: the loop sees the flag within one offer timeout, and wakeup ends a poll.
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readLoop() {
    try {
      List<Integer> partitions = assign();
      pass = start.pass();
      // Offsets in the position mean this pass has already delivered examples.
      passFoundData = !start.nextOffsets().isEmpty();
      RoundRobinComposer composer = new RoundRobinComposer(partitions, batchSize, start.cursor());
      Batch pending = null;
      while (!closing) {
        if (pending != null) {
          if (queue.offer(pending, OFFER_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            pending = null;
          }
          continue;
        }
        Optional<RoundRobinComposer.Composed> composed = composer.next(this::hasMoreData);
        if (composed.isPresent()) {
          pending = builder.build(composed.get(), pass);
          passFoundData = true;
        } else if (passEnds()) {
          pending = composer.flush().map(partial -> builder.build(partial, pass)).orElse(null);
          composer = nextPass(partitions);
        } else {
          pollOnce(composer);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      if (!closing) {
        failure.compareAndSet(null, new IllegalStateException("example reader interrupted", e));
      }
    } catch (RuntimeException e) {
      if (!closing) {
        failure.compareAndSet(null, e);
        // Reported by whoever takes the next batch; a mismatch or refused credentials need no
        // stack trace to be understood.
        if (!(e instanceof TokenizerMismatchException) && !ClientFailures.isFatal(e)) {
          LOG.error("example reader failed", e);
        }
      }
    } finally {
      // A pending interrupt from close() would make the consumer's close throw.
      boolean interrupted = Thread.interrupted();
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("closing the examples consumer failed: {}", e.toString());
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private List<Integer> assign() {
    TopicAssignment assignment =
        TopicAssignment.assignAll(
            consumer, topic, StartPosition.offsets(start.nextOffsets()), ASSIGN_TIMEOUT);
    // The truth about which partitions still hold data, before any composition decision.
    endOffsets.putAll(assignment.endOffsets());
    LOG.info(
        "reading {} ({} partitions) from {} with round-robin cursor {}",
        topic,
        assignment.partitions().size(),
        start.nextOffsets().isEmpty() ? "the beginning" : start.nextOffsets(),
        start.cursor());
    return assignment.partitions();
  }

  /** Whether this pass is over: not the last, it found data, and the topic is drained. */
  private boolean passEnds() {
    boolean last = epochs > 0 && pass >= epochs;
    return !last && passFoundData && drained;
  }

  /** Starts the next pass: every partition from its beginning, the cursor at the first. */
  private RoundRobinComposer nextPass(List<Integer> partitions) {
    LOG.info("pass {} over {} done: starting pass {}", pass, topic, pass + 1);
    pass++;
    passFoundData = false;
    drained = false;
    List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
    consumer.resume(all);
    consumer.seekToBeginning(all);
    return new RoundRobinComposer(partitions, batchSize, 0);
  }

  private boolean hasMoreData(int partition) {
    long position = consumer.position(new TopicPartition(topic, partition));
    return position < endOffsets.getOrDefault(partition, 0L);
  }

  private void pollOnce(RoundRobinComposer composer) {
    ConsumerRecords<String, PretrainingExample> records;
    try {
      records = consumer.poll(POLL_TIMEOUT);
    } catch (RecordDeserializationException e) {
      // A registry outage propagates: skipping would lose good examples and break exact resume.
      DecodingFailures.badDataOrThrow(e);
      TopicPartition partition = e.topicPartition();
      skip(DeadLetterReason.UNDECODABLE.code(), partition.partition(), e.offset(), e.getMessage());
      consumer.seek(partition, e.offset() + 1);
      drained = false;
      return;
    }
    // Drained: nothing came, and every partition's read position is at its (known) end.
    boolean atEnd = records.isEmpty();
    for (ConsumerRecord<String, PretrainingExample> record : records) {
      PretrainingExample example = record.value();
      if (example == null) {
        skip(
            DeadLetterReason.EMPTY_RECORD.code(),
            record.partition(),
            record.offset(),
            "null value");
        continue;
      }
      String where = topic + "-" + record.partition() + "@" + record.offset();
      Optional<String> problem = validator.check(example, where);
      if (problem.isPresent()) {
        skip(problem.get(), record.partition(), record.offset(), "malformed example");
      } else {
        composer.add(new FetchedExample(record.partition(), record.offset(), example));
      }
    }
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(partition);
      if (lag.isPresent()) {
        long end = consumer.position(partition) + lag.getAsLong();
        endOffsets.merge(partition.partition(), end, Math::max);
      }
      atEnd &= lag.isPresent() && lag.getAsLong() == 0;
      throttle(composer, partition);
    }
    drained = atEnd;
  }

  /** Bounds memory: stop fetching a partition whose buffer runs far ahead of the others. */
  private void throttle(RoundRobinComposer composer, TopicPartition partition) {
    int buffered = composer.buffered(partition.partition());
    boolean paused = consumer.paused().contains(partition);
    if (!paused && buffered >= bufferLimit) {
      consumer.pause(List.of(partition));
    } else if (paused && buffered < bufferLimit / 2) {
      consumer.resume(List.of(partition));
    }
  }

  private void skip(String reason, int partition, long offset, String detail) {
    skipped.incrementAndGet();
    Counter.builder("bertstream.trainer.skipped.records")
        .description("Records of the examples topic skipped: undecodable or malformed")
        .tag("reason", reason)
        .register(registry)
        .increment();
    LOG.warn("skipping record {}-{}@{} ({}): {}", topic, partition, offset, reason, detail);
  }
}
