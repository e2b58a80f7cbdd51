package io.bertstream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the services' logs go while a quickstart runs: all of them to a file in the data dir, and
 * only real problems to the console, beside the story. The loggers' levels stay as configured
 * (logback.xml: bertstream at INFO, libraries at WARN); only the root's appenders are swapped, and
 * {@link #close} puts the previous ones back.
 *
 * <p>The console rule: WARN and ERROR from bertstream's own loggers ({@code io.bertstream.*}), and
 * nothing from any other logger. Every service wraps its libraries' failures and reports them
 * through its own logger (a dying stream thread, a record Kafka refused, a skipped example), or
 * fails with an exception the quickstart reports; what the libraries log themselves at WARN/ERROR
 * in a healthy run is the embedded broker and controller describing their side of client requests
 * (an out-of-sequence append it refuses and the producer retries), client retries they recover from
 * (CONCURRENT_TRANSACTIONS on the first transactions), and start-up notices. Those read as failures
 * next to a story that is going well, so they go to the file only, where they are still there for
 * whoever investigates.
 */
final class QuickstartLog implements AutoCloseable {

  /** Our own code's loggers: the only ones whose warnings reach the console. */
  static final String OWN_LOGGERS = "io.bertstream.";

  private static final String FILE_PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger %msg%n";

  private final ch.qos.logback.classic.Logger root;
  private final List<Appender<ILoggingEvent>> previous;
  private final List<Appender<ILoggingEvent>> ours;

  private QuickstartLog(
      ch.qos.logback.classic.Logger root,
      List<Appender<ILoggingEvent>> previous,
      List<Appender<ILoggingEvent>> ours) {
    this.root = root;
    this.previous = previous;
    this.ours = ours;
  }

  /**
   * Sends every log event to {@code file} (appended: a data dir's runs share one log) and the
   * problems to {@code problems} as (level, text).
   */
  static QuickstartLog start(Path file, BiConsumer<String, String> problems) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(FILE_PATTERN);
    encoder.start();
    FileAppender<ILoggingEvent> toFile = new FileAppender<>();
    toFile.setContext(context);
    toFile.setName("quickstart-file");
    toFile.setFile(file.toAbsolutePath().toString());
    toFile.setAppend(true);
    toFile.setEncoder(encoder);
    toFile.start();
    ProblemsAppender toConsole = new ProblemsAppender(problems);
    toConsole.setContext(context);
    toConsole.setName("quickstart-console");
    toConsole.start();

    List<Appender<ILoggingEvent>> previous = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(previous::add);
    root.addAppender(toFile);
    root.addAppender(toConsole);
    previous.forEach(root::detachAppender);
    return new QuickstartLog(root, previous, List.of(toFile, toConsole));
  }

  /** Whether an event belongs on the console: see the class comment. */
  static boolean isProblemOfOurOwn(ILoggingEvent event) {
    return event.getLevel().isGreaterOrEqual(Level.WARN)
        && event.getLoggerName().startsWith(OWN_LOGGERS);
  }

  /** Back to the appenders there were before. */
  @Override
  public void close() {
    previous.forEach(root::addAppender);
    for (Appender<ILoggingEvent> appender : ours) {
      root.detachAppender(appender);
      appender.stop();
    }
  }

  /**
   * Hands problems on as one line each: the logger's simple name, the message and, for a failure,
   * its first line; the stack trace is in the file.
   */
  private static final class ProblemsAppender extends AppenderBase<ILoggingEvent> {
    private final BiConsumer<String, String> problems;

    ProblemsAppender(BiConsumer<String, String> problems) {
      this.problems = Objects.requireNonNull(problems, "problems");
    }

    @Override
    protected void append(ILoggingEvent event) {
      if (!isProblemOfOurOwn(event)) {
        return;
      }
      String logger = event.getLoggerName();
      StringBuilder text =
          new StringBuilder(logger.substring(logger.lastIndexOf('.') + 1))
              .append(": ")
              .append(event.getFormattedMessage());
      IThrowableProxy failure = event.getThrowableProxy();
      if (failure != null) {
        text.append(" (")
            .append(failure.getClassName())
            .append(failure.getMessage() != null ? ": " + failure.getMessage() : "")
            .append("; the stack trace is in the log)");
      }
      problems.accept(event.getLevel().toString(), text.toString());
    }
  }
}
