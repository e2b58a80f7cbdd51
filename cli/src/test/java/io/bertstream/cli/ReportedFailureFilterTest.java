package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ReportedFailureFilterTest {

  private final LoggerContext context = new LoggerContext();
  private final ReportedFailureFilter filter = new ReportedFailureFilter();

  private FilterReply decide(String logger, Level level, String format, Object... params) {
    Logger target = context.getLogger(logger);
    return filter.decide(null, target, level, format, params, null);
  }

  @Test
  void shouldKeepKafkasLinesAboutARefusalTheCommandReportsOffTheConsole() {
    assertThat(
            decide(
                "org.apache.kafka.clients.NetworkClient",
                Level.ERROR,
                "[Producer clientId=p] Connection to node {} ({}) failed authentication due to: {}",
                -1,
                "localhost/127.0.0.1:9093",
                "Authentication failed during authentication due to invalid credentials"))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                "org.apache.kafka.streams.KafkaStreams",
                Level.ERROR,
                "Encountered the following exception during processing",
                new StreamsException(new TopicAuthorizationException(Set.of("p.examples")))))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                "org.apache.kafka.clients.admin.internals.AdminMetadataManager",
                Level.WARN,
                "Fatal error during metadata update",
                new SaslAuthenticationException("invalid credentials")))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void shouldLetEveryOtherLinePass() {
    assertThat(
            decide(
                "org.apache.kafka.clients.NetworkClient",
                Level.WARN,
                "Bootstrap broker {} disconnected",
                "127.0.0.1:9092"))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                "io.bertstream.stream.TokenizerStream",
                Level.ERROR,
                "failed",
                new SaslAuthenticationException("invalid credentials")))
        .as("our own loggers")
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                "org.apache.kafka.clients.NetworkClient",
                Level.INFO,
                "Connection to node {} failed authentication due to: {}",
                -1,
                "x"))
        .as("below WARN")
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
