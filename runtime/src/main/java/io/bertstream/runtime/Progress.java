package io.bertstream.runtime;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports progress of long work: a single self-overwriting line on a terminal, or a log line every
 * {@code logInterval} otherwise (CI, Kubernetes, redirected output).
 *
 * <p>Call {@link #update} as often as convenient; it prints at most every 200 ms on a terminal.
 */
public final class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long TERMINAL_REFRESH_MS = 200;

  private final String task;
  private final PrintStream terminal;
  private final long intervalMs;
  private final Clock clock;
  private final long startMs;
  private long lastPrintMs;
  private boolean printedOnTerminal;

  private Progress(String task, PrintStream terminal, Duration logInterval, Clock clock) {
    this.task = task;
    this.terminal = terminal;
    this.intervalMs = terminal != null ? TERMINAL_REFRESH_MS : logInterval.toMillis();
    this.clock = clock;
    this.startMs = clock.millis();
    this.lastPrintMs = startMs;
  }

  /** A bar on stderr when attached to a terminal, else log lines every {@code logInterval}. */
  public static Progress start(String task, Duration logInterval) {
    PrintStream terminal = System.console() != null ? System.err : null;
    return new Progress(task, terminal, logInterval, Clock.systemUTC());
  }

  /** Log lines only, every {@code logInterval}; for tests and non-interactive callers. */
  public static Progress logging(String task, Duration logInterval, Clock clock) {
    return new Progress(task, null, logInterval, clock);
  }

  /**
   * Reports {@code done} of {@code total} units ({@code total <= 0} when unknown); {@code detail}
   * is only evaluated when a line is printed.
   */
  public void update(long done, long total, Supplier<String> detail) {
    long now = clock.millis();
    if (now - lastPrintMs < intervalMs) {
      return;
    }
    lastPrintMs = now;
    String line = format(done, total, detail.get(), now - startMs);
    if (terminal != null) {
      terminal.print("\r" + line + "\033[K");
      terminal.flush();
      printedOnTerminal = true;
    } else {
      LOG.info("{}", line);
    }
  }

  String format(long done, long total, String detail, long elapsedMs) {
    StringBuilder line = new StringBuilder(task).append(' ');
    if (total > 0) {
      double fraction = Math.min(1.0, (double) done / total);
      int filled = (int) Math.round(fraction * 24);
      line.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(24 - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%5.1f%%", 100 * fraction));
      if (done > 0 && fraction < 1.0) {
        long etaSeconds = (long) (elapsedMs / 1000.0 * (1 - fraction) / fraction);
        line.append(String.format(Locale.ROOT, " eta %s", Durations.human(etaSeconds)));
      }
    } else {
      line.append(done);
    }
    if (detail != null && !detail.isEmpty()) {
      line.append("  ").append(detail);
    }
    return line.toString();
  }

  /** Ends the terminal line so following output starts on a fresh one. */
  @Override
  public void close() {
    if (printedOnTerminal) {
      terminal.println();
    }
  }
}
