package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Set;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class FailureConverterTest {

  private final LoggerContext context = new LoggerContext();
  private final FailureConverter converter = new FailureConverter();

  private String convert(Throwable failure) {
    Logger logger = context.getLogger("io.bertstream.Test");
    converter.setContext(context);
    converter.start();
    return converter.convert(
        new LoggingEvent(getClass().getName(), logger, Level.ERROR, "failed", failure, null));
  }

  @Test
  void shouldKeepAFailureNoRetryCanFixOnTheMessagesLine() {
    String text =
        convert(new StreamsException(new TopicAuthorizationException(Set.of("p.examples"))));

    assertThat(text)
        .startsWith(" (Kafka denied access to topic p.examples: ")
        .endsWith(")" + System.lineSeparator())
        .hasLineCount(1);
  }

  @Test
  void shouldPrintAnyOtherFailureWithItsStackTrace() {
    String text = convert(new IllegalStateException("disk full"));

    assertThat(text)
        .startsWith(System.lineSeparator() + "java.lang.IllegalStateException: disk full")
        .contains("\tat ");
  }

  @Test
  void shouldEndTheLineOfAnEventWithoutFailure() {
    assertThat(convert(null)).isEqualTo(System.lineSeparator());
  }
}
