package io.bertstream.stream;

import io.bertstream.runtime.OpsServer;
import io.bertstream.runtime.Topics;
import io.bertstream.tokenizer.BertTokenizer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the tokenizer stream: the Streams app, its metrics binding and its ops
 * server (/metrics, /health/live, /health/ready = RUNNING and not waiting for the schema registry).
 * Replicas are just more instances with the same application id.
 */
public final class TokenizerStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TokenizerStream.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final StreamMetrics metrics;
  private final KafkaStreamsMetrics streamsMetrics;
  private final RegistryOutage registryOutage;
  private final StreamFailureHandler failureHandler;
  private final OpsServer ops;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private TokenizerStream(
      TokenizerStreamConfig config,
      WordPieces wordPieces,
      StreamTopics topics,
      PrometheusMeterRegistry registry) {
    this.metrics = new StreamMetrics(registry);
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
    this.registryOutage = new RegistryOutage(RegistryProbe.of(config.connection()), metrics);
    this.failureHandler = new StreamFailureHandler(registryOutage);
    streams.setUncaughtExceptionHandler(failureHandler);
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    this.ops = config.ops().enabled() ? OpsServer.start(config.ops(), registry, this::ready) : null;
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

  /**
   * Runs one instance until it stops: loads the tokenizer, starts the topology and the ops server,
   * and hands the running instance to {@code started}, through which the caller stops it ({@link
   * #close()}, e.g. on SIGTERM). Returns the exit status: 0 after a clean stop, 1 when the app
   * failed.
   *
   * @throws StreamsException when the app failed in a way no retry can fix ({@link
   *     #fatalFailure()}), so the caller reports its reason in one line
   */
  public static int run(TokenizerStreamConfig config, Consumer<TokenizerStream> started)
      throws IOException, InterruptedException {
    try (BertTokenizer tokenizer = BertTokenizer.load(config.tokenizer())) {
      LOG.info(
          "tokenizer {} ({} tokens), application id {}",
          tokenizer.fingerprint(),
          tokenizer.vocabSize(),
          config.applicationId());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      StreamTopics topics = StreamTopics.from(Topics.create(config.connection()));
      try (TokenizerStream stream =
          start(config, new BertWordPieces(tokenizer), topics, registry)) {
        if (stream.opsPort() >= 0) {
          LOG.info("metrics and health on port {}", stream.opsPort());
        }
        started.accept(stream);
        stream.awaitStopped();
        Optional<Throwable> fatal = stream.fatalFailure();
        if (fatal.isPresent()) {
          throw fatal.get() instanceof StreamsException streams
              ? streams
              : new StreamsException(fatal.get());
        }
        return stream.state() == KafkaStreams.State.ERROR ? 1 : 0;
      }
    }
  }

  /** Ready for traffic: RUNNING, and not waiting for the schema registry. */
  public boolean ready() {
    return streams.state() == KafkaStreams.State.RUNNING && !registryOutage.active();
  }

  /** Documents this instance skipped as repeats of ones already turned into examples. */
  public long duplicates() {
    return metrics.duplicates();
  }

  /** Schema-registry outages this instance waited out (or is waiting out) so far. */
  public long registryOutages() {
    return metrics.registryOutages();
  }

  /**
   * The failure no retry can fix that shut this instance down (Kafka refused the login or an ACL,
   * the registry refused the credentials), if one did; it was not logged.
   */
  public Optional<Throwable> fatalFailure() {
    return failureHandler.fatalFailure();
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

  /** Pretraining examples this instance produced so far, training and evaluation together. */
  public long examplesProduced() {
    return metrics.examplesProduced();
  }

  /** The port of /metrics and /health, or -1 when the ops server is off. */
  public int opsPort() {
    return ops == null ? -1 : ops.port();
  }

  @Override
  public void close() {
    // A thread waiting for the registry must not hold up the close.
    registryOutage.close();
    // With static membership (group.instance.id, e.g. the pod name) leave the group at once, so
    // the remaining replicas take over without waiting out the session timeout.
    streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    streamsMetrics.close();
    if (ops != null) {
      ops.close();
    }
    stopped.countDown();
  }
}
