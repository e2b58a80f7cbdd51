package io.bertstream.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import io.bertstream.runtime.ClientFailures;
import java.util.Optional;

/**
 * The failure of a log event, in the console's pattern ({@code %msg%failure}): a failure no retry
 * can fix ({@link ClientFailures}: Kafka refused the login or an ACL, TLS failed, the registry
 * refused the credentials) stays on the message's line, as what to check, because its stack trace
 * says nothing more and the command reports it too; any other failure gets its stack trace on the
 * lines below. {@code BERTSTREAM_DEBUG=1} shows every stack trace.
 */
public final class FailureConverter extends ThrowableProxyConverter {

  private final boolean debug = "1".equals(System.getenv("BERTSTREAM_DEBUG"));

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy == null) {
      return CoreConstants.LINE_SEPARATOR;
    }
    Optional<String> line =
        !debug && proxy instanceof ThrowableProxy thrown
            ? ClientFailures.explain(thrown.getThrowable())
            : Optional.empty();
    return line.map(text -> " (" + text + ")" + CoreConstants.LINE_SEPARATOR)
        .orElseGet(() -> CoreConstants.LINE_SEPARATOR + super.convert(event));
  }
}
