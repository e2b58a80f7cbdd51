package io.bertstream.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports progress of long work, in the {@link OutputMode} of the console: on a terminal a bar with
 * rate and ETA that rewrites itself ({@link TerminalBar}); otherwise a line every {@code interval}
 * (CI, Kubernetes, redirected output) saying how much of the total is done, the rate and the time
 * left. Every command reports through here, so the two look the same everywhere.
 *
 * <p>Call {@link #update} as often as convenient: it draws at most every 200 ms on a terminal and
 * prints at most every {@code interval} otherwise; {@link #milestone} prints at once.
 */
public final class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long TERMINAL_REFRESH_MS = 200;
  private static final int BAR_WIDTH = 24;

  /** What {@code done} and {@code total} count, which decides how they and the rate read. */
  public enum Unit {
    /** Documents, merges, records: {@code 1,234 of 8,192, 410.2/s}. */
    ITEMS,
    /** Bytes of input: {@code 1.2 MB of 3.6 MB, 0.9 MB/s}. */
    BYTES,
    /**
     * Seconds of a time budget: {@code 4m30s of 10m, 5m30s left}; the rate of time is no news, so
     * the detail carries the work's own rate.
     */
    SECONDS
  }

  private final String task;
  private final Unit unit;
  private final Clock clock;
  private final long intervalMs;
  private final long startMs;
  private final Consumer<String> lines;
  private final TerminalBar bar;
  private long lastPrintMs;

  private Progress(
      String task,
      Unit unit,
      Clock clock,
      Duration interval,
      Consumer<String> lines,
      TerminalBar bar) {
    this.task = Objects.requireNonNull(task, "task");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.clock = clock;
    this.intervalMs = bar != null ? TERMINAL_REFRESH_MS : interval.toMillis();
    this.lines = lines;
    this.bar = bar;
    this.startMs = clock.millis();
    this.lastPrintMs = startMs;
  }

  /**
   * A service's progress: a bar on standard error when it is a terminal, else log lines every
   * {@code interval}.
   */
  public static Progress start(String task, Unit unit, Duration interval) {
    LiveConsole stderr = LiveConsole.stderr();
    if (stderr.mode() == OutputMode.TERMINAL) {
      return on(stderr, task, unit, interval);
    }
    return lines(task, unit, interval, Clock.systemUTC(), line -> LOG.info("{}", line));
  }

  /**
   * Progress shown on {@code console}: its live line on a terminal, else a line printed on it every
   * {@code interval}.
   */
  public static Progress on(LiveConsole console, String task, Unit unit, Duration interval) {
    if (console.mode() == OutputMode.TERMINAL) {
      return new Progress(
          task, unit, Clock.systemUTC(), interval, null, new TerminalBar(console, task, unit));
    }
    return lines(task, unit, interval, Clock.systemUTC(), console::println);
  }

  /** Periodic lines to {@code sink}, on {@code clock}: what non-terminal output gets. */
  public static Progress lines(
      String task, Unit unit, Duration interval, Clock clock, Consumer<String> sink) {
    return new Progress(task, unit, clock, interval, Objects.requireNonNull(sink, "sink"), null);
  }

  /**
   * Reports {@code done} of {@code total} ({@code total <= 0} when unknown); {@code detail} is only
   * evaluated when something is drawn or printed.
   */
  public void update(long done, long total, Supplier<String> detail) {
    long now = clock.millis();
    if (now - lastPrintMs < intervalMs) {
      return;
    }
    show(done, total, detail, now);
  }

  /**
   * Reports at once, whenever the last line was: a point worth a line of its own (an evaluation).
   */
  public void milestone(long done, long total, Supplier<String> detail) {
    show(done, total, detail, clock.millis());
  }

  private void show(long done, long total, Supplier<String> detail, long now) {
    lastPrintMs = now;
    if (bar != null) {
      bar.show(done, total, detail.get());
    } else {
      lines.accept(format(done, total, detail.get(), now - startMs));
    }
  }

  /**
   * {@code task [######..................] 25.0% 25 of 100, 0.8/s, eta 1m30s detail}; without a
   * total {@code task 1,234, 246.8/s detail}; for {@link Unit#SECONDS} {@code task [##...] 45.0%
   * 4m30s of 10m, 5m30s left detail}. The rate is the average since the start.
   */
  String format(long done, long total, String detail, long elapsedMs) {
    StringBuilder line = new StringBuilder(task).append(' ');
    double seconds = elapsedMs / 1000.0;
    if (total > 0) {
      double fraction = Math.min(1.0, Math.max(0.0, (double) done / total));
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      line.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(BAR_WIDTH - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%5.1f%% ", 100 * fraction))
          .append(amount(done))
          .append(" of ")
          .append(amount(total));
      if (unit == Unit.SECONDS) {
        line.append(", ").append(Durations.human(Math.max(0, total - done))).append(" left");
      } else {
        line.append(", ").append(rate(done, seconds));
        if (done > 0 && fraction < 1.0) {
          long eta = (long) (seconds * (1 - fraction) / fraction);
          line.append(", eta ").append(Durations.human(eta));
        }
      }
    } else {
      line.append(amount(done));
      if (unit != Unit.SECONDS) {
        line.append(", ").append(rate(done, seconds));
      }
    }
    if (detail != null && !detail.isEmpty()) {
      line.append("  ").append(detail);
    }
    return line.toString();
  }

  private String amount(long value) {
    return switch (unit) {
      case ITEMS -> String.format(Locale.ROOT, "%,d", value);
      case BYTES -> bytes(value);
      case SECONDS -> Durations.human(value);
    };
  }

  private String rate(long done, double seconds) {
    double perSecond = seconds > 0 ? done / seconds : 0;
    return unit == Unit.BYTES
        ? bytes(Math.round(perSecond)) + "/s"
        : String.format(Locale.ROOT, "%,.1f/s", perSecond);
  }

  /** {@code 950 B}, {@code 3.6 MB}: decimal units, as the ingest summary counts megabytes. */
  static String bytes(long value) {
    if (value < 1000) {
      return value + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double scaled = value;
    int index = -1;
    while (scaled >= 1000 && index < units.length - 1) {
      scaled /= 1000;
      index++;
    }
    return String.format(Locale.ROOT, "%.1f %s", scaled, units[index]);
  }

  /** Removes the bar; what follows starts on a clean row. Lines need no ending. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
