package io.bertstream.stream;

import io.bertstream.runtime.ClientFailures;
import io.bertstream.runtime.topic.DecodingFailures;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's death means. Bad records never get here (they are dead-lettered), so it is
 * the environment: a schema registry that cannot answer is waited out and the thread replaced,
 * resuming from the last commit (under exactly-once its unfinished transaction is aborted, so
 * nothing is lost or written twice); anything else, including a registry that refuses requests,
 * shuts this instance down with the reason. A failure no retry can fix ({@link ClientFailures}:
 * Kafka refused the login or an ACL, the registry refused the credentials) is kept, not logged: the
 * one who runs the stream reports it ({@link #fatalFailure()}), in one line.
 */
final class StreamFailureHandler implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StreamFailureHandler.class);

  private final RegistryOutage outage;
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();

  StreamFailureHandler(RegistryOutage outage) {
    this.outage = outage;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    Optional<SchemaRegistryException> registry = DecodingFailures.registryFailure(exception);
    if (registry.isPresent() && !registry.get().isClientError()) {
      try {
        outage.waitOut(registry.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    if (ClientFailures.isFatal(exception)) {
      fatal.compareAndSet(null, exception);
    } else if (registry.isPresent()) {
      LOG.error(
          "the schema registry refused a request (HTTP {}): check its URL, credentials and the"
              + " subjects' compatibility, then start again; nothing was skipped",
          registry.get().status(),
          exception);
    } else {
      LOG.error("tokenizer stream failed; shutting this instance down", exception);
    }
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /** The first failure no retry can fix that shut this instance down, if one did. */
  Optional<Throwable> fatalFailure() {
    return Optional.ofNullable(fatal.get());
  }
}
