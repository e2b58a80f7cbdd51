package io.bertstream.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM shutdown hook of a command, for every service: on SIGINT/SIGTERM it runs the stop
 * actions the command registered ({@link #onSignal}: the trainer's stop, the stream's close),
 * releases whoever {@link #await}s the signal, and then holds the JVM's exit until the command says
 * it has finished closing ({@link #done}), for at most {@link #MAX_CLEANUP} — otherwise the JVM
 * would halt while a final checkpoint or the broker's log is still being written. Services
 * themselves install no hooks.
 */
final class ShutdownSignal {

  /** Longest a signal waits for the command to finish; deployments give a 300 s grace period. */
  static final Duration MAX_CLEANUP = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignal.class);

  private final String name;
  private final Thread hook;
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<Runnable> stopActions = new ArrayList<>();

  private ShutdownSignal(String name) {
    this.name = name;
    this.hook = new Thread(this::signalled, name + "-shutdown");
  }

  /** Installs the hook of command {@code name}; call {@link #done} when the command has ended. */
  static ShutdownSignal install(String name) {
    ShutdownSignal signal = new ShutdownSignal(name);
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /**
   * Runs {@code stop} when a signal arrives, on the hook's thread, before it waits for the command
   * to finish; at once if the signal has arrived already. {@code stop} asks the service to end (the
   * trainer's stop) or ends it (the stream's close); the command's own thread sees it end, closes
   * the rest and calls {@link #done}.
   */
  void onSignal(Runnable stop) {
    synchronized (stopActions) {
      if (!isRequested()) {
        stopActions.add(stop);
        return;
      }
    }
    stop.run();
  }

  /** Blocks until a signal arrives. */
  void await() throws InterruptedException {
    requested.await();
  }

  boolean isRequested() {
    return requested.getCount() == 0;
  }

  /**
   * The command has closed everything: a shutdown under way may let the JVM exit now; without one,
   * the hook is removed.
   */
  void done() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running (or ran) and returns now that finished is released.
    }
  }

  private void signalled() {
    List<Runnable> actions;
    synchronized (stopActions) {
      requested.countDown();
      actions = List.copyOf(stopActions);
    }
    if (finished.getCount() > 0) {
      LOG.info("{}: stop requested by signal", name);
    }
    for (Runnable stop : actions) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: a stop action failed", name, e);
      }
    }
    try {
      if (!finished.await(MAX_CLEANUP.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("{}: not finished within {}; exiting anyway", name, MAX_CLEANUP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
