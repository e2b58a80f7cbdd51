package io.bertstream.stream;

import io.bertstream.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a schema-registry outage. A stream thread that met one has failed without committing
 * (its transaction aborts, so nothing it did is visible); before it is replaced it waits here until
 * the registry answers again, probing with a pause that doubles up to {@link #MAX_PAUSE}, so a long
 * outage is a quiet wait rather than a loop of failing threads and rebalances. While any thread
 * waits, the instance is not ready and the wait shows in the metrics.
 */
final class RegistryOutage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryOutage.class);

  /** The first pause before probing: most outages are a restart of a few seconds. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);

  /** The longest pause: a probe every 10 s costs the registry nothing and resumes promptly. */
  static final Duration MAX_PAUSE = Duration.ofSeconds(10);

  private final BooleanSupplier registryAnswers;
  private final StreamMetrics metrics;
  private final Duration firstPause;
  private final Duration maxPause;
  private final AtomicInteger waiting = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  RegistryOutage(BooleanSupplier registryAnswers, StreamMetrics metrics) {
    this(registryAnswers, metrics, FIRST_PAUSE, MAX_PAUSE);
  }

  RegistryOutage(
      BooleanSupplier registryAnswers,
      StreamMetrics metrics,
      Duration firstPause,
      Duration maxPause) {
    this.registryAnswers = registryAnswers;
    this.metrics = metrics;
    this.firstPause = firstPause;
    this.maxPause = maxPause;
    metrics.registryWaiting(waiting);
  }

  /** Whether a stream thread is waiting for the registry now. */
  boolean active() {
    return waiting.get() > 0;
  }

  /**
   * Blocks until the registry answers (or this is closed). The first thread to wait counts one
   * outage and logs it; the others wait quietly.
   */
  void waitOut(SchemaRegistryException failure) throws InterruptedException {
    if (waiting.getAndIncrement() == 0) {
      metrics.registryOutage();
      LOG.warn(
          "the schema registry fails ({}); documents wait for it, none is dead-lettered",
          failure.getMessage());
    }
    long started = System.nanoTime();
    try {
      Duration pause = firstPause;
      while (!closed.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
        if (registryAnswers.getAsBoolean()) {
          LOG.info(
              "the schema registry answers again after {} ms; resuming from the last commit",
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
          return;
        }
        Duration doubled = pause.multipliedBy(2);
        pause = doubled.compareTo(maxPause) > 0 ? maxPause : doubled;
      }
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** Releases every waiting thread: the instance is stopping. */
  @Override
  public void close() {
    closed.countDown();
  }
}
