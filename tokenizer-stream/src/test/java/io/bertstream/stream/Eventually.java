package io.bertstream.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition someone else makes true (an HTTP endpoint, a metric) until a deadline. */
final class Eventually {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Eventually() {}

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }
}
