package io.bertstream.runtime;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@link Progress} on a terminal: a me.tongfei progress bar (percent, bar, done/total, elapsed and
 * time left, rate, then the detail), cut to the terminal's width, drawn as the live line of a
 * {@link LiveConsole} so that the console's ordinary lines pass above it. The library draws from
 * its own thread about twice a second; the bar is made on the first report, when the total and so
 * the unit of bytes are known.
 */
final class TerminalBar implements AutoCloseable {

  private static final int REFRESH_MS = 500;

  private final LiveConsole console;
  private final String task;
  private final Progress.Unit unit;
  private ProgressBar bar;

  TerminalBar(LiveConsole console, String task, Progress.Unit unit) {
    this.console = console;
    this.task = task;
    this.unit = unit;
  }

  synchronized void show(long done, long total, String detail) {
    if (bar == null) {
      bar = create(done, total);
    }
    bar.maxHint(total > 0 ? total : -1);
    bar.stepTo(done);
    bar.setExtraMessage(detail == null || detail.isEmpty() ? "" : " " + detail);
  }

  private ProgressBar create(long done, long total) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total > 0 ? total : -1)
            .setStyle(ProgressBarStyle.UNICODE_BLOCK)
            .setUpdateIntervalMillis(REFRESH_MS)
            .continuousUpdate()
            .setConsumer(new LiveLineConsumer(console));
    DecimalFormat oneDecimal =
        new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    switch (unit) {
      case ITEMS -> builder.showSpeed(oneDecimal);
      case BYTES -> {
        long scale =
            total >= 10_000_000_000L ? 1_000_000_000L : total >= 10_000_000 ? 1_000_000 : 1000;
        builder
            .setUnit(scale == 1000 ? " kB" : scale == 1_000_000 ? " MB" : " GB", scale)
            .showSpeed(oneDecimal);
      }
      case SECONDS ->
          // Training time counts from before the bar; the time left is what the budget has left.
          builder
              .setUnit(" s", 1)
              .startsFrom(done, Duration.ofSeconds(done))
              .setEtaFunction(
                  state ->
                      Optional.of(
                          Duration.ofSeconds(Math.max(0, state.getMax() - state.getCurrent()))));
    }
    return builder.build();
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * Hands each rendering to the console's live line. The superclass is only the library's way to
   * the terminal's width; its stream is never written.
   */
  private static final class LiveLineConsumer extends ConsoleProgressBarConsumer {
    private final LiveConsole console;

    LiveLineConsumer(LiveConsole console) {
      super(System.err);
      this.console = console;
    }

    @Override
    public void accept(String rendered) {
      console.live(rendered);
    }

    @Override
    public void clear() {
      console.endLive();
    }

    @Override
    public void close() {
      console.endLive();
    }
  }
}
