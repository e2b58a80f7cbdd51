package io.bertstream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a latch a long-running command waits on, and holds the JVM's shutdown
 * until the command says it has finished closing (the JVM would otherwise halt while the broker or
 * a final checkpoint is still being written).
 */
final class ShutdownSignal {

  private static final Duration MAX_CLEANUP = Duration.ofMinutes(5);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  private ShutdownSignal() {}

  static ShutdownSignal install(String name) {
    ShutdownSignal signal = new ShutdownSignal();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signal.requested.countDown();
                  try {
                    signal.finished.await(MAX_CLEANUP.toSeconds(), TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                name + "-shutdown"));
    return signal;
  }

  /** Blocks until a signal arrives. */
  void await() throws InterruptedException {
    requested.await();
  }

  boolean isRequested() {
    return requested.getCount() == 0;
  }

  /** The command has closed everything; lets the JVM exit. */
  void done() {
    finished.countDown();
  }
}
