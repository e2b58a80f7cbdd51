package io.bertstream.local.registry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM while open, with the project's own loggers at DEBUG and the Kafka
 * clients' configuration dumps ({@code ProducerConfig values: ...}) at INFO: the text of each
 * message and of its exceptions, for tests that a secret never reaches a log.
 */
public final class CapturedLogs implements AutoCloseable {

  /** Where Kafka clients log every setting they start with, secrets as {@code [hidden]}. */
  private static final String KAFKA_CONFIG_DUMPS = "org.apache.kafka.common.config.AbstractConfig";

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger project = (Logger) LoggerFactory.getLogger("io.bertstream");
  private final Logger configs = (Logger) LoggerFactory.getLogger(KAFKA_CONFIG_DUMPS);
  private final Level projectLevel = project.getLevel();
  private final Level configsLevel = configs.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    project.setLevel(Level.DEBUG);
    configs.setLevel(Level.INFO);
  }

  /** Each event as one text: logger, formatted message and the messages of its exceptions. */
  public List<String> lines() {
    List<ILoggingEvent> events;
    synchronized (appender) { // the lock each append holds: other threads log meanwhile
      events = new ArrayList<>(appender.list);
    }
    return events.stream().map(CapturedLogs::text).collect(Collectors.toList());
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
    configs.setLevel(configsLevel);
    appender.stop();
  }
}
