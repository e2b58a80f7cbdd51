package io.bertstream.stream;

import io.bertstream.runtime.OpsServer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the tokenizer stream: the Streams app, its metrics binding and its ops
 * server (/metrics, /health/live, /health/ready = RUNNING). Replicas are just more instances with
 * the same application id.
 */
public final class TokenizerStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TokenizerStream.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final OpsServer ops;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private TokenizerStream(
      TokenizerStreamConfig config,
      WordPieces wordPieces,
      StreamTopics topics,
      PrometheusMeterRegistry registry) {
    StreamMetrics metrics = new StreamMetrics(registry);
    this.streams =
        new KafkaStreams(
            TokenizerTopology.build(config.recipe(), topics, wordPieces, metrics),
            StreamsSettings.properties(config, metrics));
    streams.setStateListener(
        (next, previous) -> {
          LOG.info("tokenizer stream {} -> {}", previous, next);
          if (next == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
          if (next == KafkaStreams.State.NOT_RUNNING || next == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        exception -> {
          // Bad records never get here (they are dead-lettered); this is a broken environment.
          LOG.error("tokenizer stream failed; shutting this instance down", exception);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    this.ops =
        config.metricsPort() < 0
            ? null
            : OpsServer.start(
                config.metricsHost(),
                config.metricsPort(),
                registry,
                () -> streams.state() == KafkaStreams.State.RUNNING);
  }

  /** Builds the topology and starts it; the caller owns (and closes) the result. */
  public static TokenizerStream start(
      TokenizerStreamConfig config,
      WordPieces wordPieces,
      StreamTopics topics,
      PrometheusMeterRegistry registry) {
    TokenizerStream stream = new TokenizerStream(config, wordPieces, topics, registry);
    stream.streams.start();
    return stream;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Waits until the app has reached RUNNING for the first time. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until the app has stopped (closed, or failed beyond repair). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** The port of /metrics and /health, or -1 when the ops server is off. */
  public int opsPort() {
    return ops == null ? -1 : ops.port();
  }

  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
    streamsMetrics.close();
    if (ops != null) {
      ops.close();
    }
    stopped.countDown();
  }
}
