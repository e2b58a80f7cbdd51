package io.bertstream.local.registry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM while open, with the project's own loggers at DEBUG: the text of each
 * message and of its exceptions, for tests that a secret never reaches a log.
 */
final class CapturedLogs implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger project = (Logger) LoggerFactory.getLogger("io.bertstream");
  private final Level projectLevel = project.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    project.setLevel(Level.DEBUG);
  }

  /** Each event as one text: logger, formatted message and the messages of its exceptions. */
  List<String> lines() {
    return appender.list.stream().map(CapturedLogs::text).collect(Collectors.toList());
  }

  private static String text(ILoggingEvent event) {
    StringBuilder text =
        new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    for (IThrowableProxy cause = event.getThrowableProxy();
        cause != null;
        cause = cause.getCause()) {
      text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
    }
    return text.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    project.setLevel(projectLevel);
    appender.stop();
  }
}
