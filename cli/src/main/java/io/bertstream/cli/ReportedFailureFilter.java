package io.bertstream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.bertstream.runtime.ClientFailures;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps Kafka's own warnings about a failure no retry can fix off the console: a refused login, a
 * denied ACL, a failed TLS handshake. The command reports each of them in one line, with what to
 * check ({@link ClientFailures}), so Kafka's lines about it (its network client, its metadata,
 * Kafka Streams' shutdown, each with a stack trace) would only bury that line. Every other Kafka
 * warning passes; {@code BERTSTREAM_DEBUG=1} lets all of them through.
 */
public final class ReportedFailureFilter extends TurboFilter {

  private static final String KAFKA = "org.apache.kafka.";

  /** What Kafka's clients say, in lines without an exception, about a login or an ACL refused. */
  private static final String[] REFUSALS = {
    "failed authentication", "authorization failed", "authorization_failed"
  };

  private final boolean debug = "1".equals(System.getenv("BERTSTREAM_DEBUG"));

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (debug
        || level == null
        || !level.isGreaterOrEqual(Level.WARN)
        || !logger.getName().startsWith(KAFKA)) {
      return FilterReply.NEUTRAL;
    }
    Throwable failure = t != null ? t : MessageFormatter.getThrowableCandidate(params);
    if (failure != null && ClientFailures.isFatal(failure)) {
      return FilterReply.DENY;
    }
    if (format != null) {
      String message = MessageFormatter.basicArrayFormat(format, params).toLowerCase(Locale.ROOT);
      for (String refusal : REFUSALS) {
        if (message.contains(refusal)) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }
}
