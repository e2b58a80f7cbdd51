package io.bertstream.ingestor;

import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.http.IngestServer;
import io.bertstream.ingestor.http.ServeConfig;
import io.bertstream.ingestor.publish.DocumentPublisher;
import io.bertstream.ingestor.publish.IngestMetrics;
import io.bertstream.ingestor.publish.ProducerSettings;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Progress;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Wires the ingestor to a Kafka cluster and schema registry: the entry points of the CLI. */
public final class KafkaIngest {

  /** Files want full batches; an HTTP client waits for its acknowledgement. */
  private static final int FILE_LINGER_MS = 20;

  private static final int HTTP_LINGER_MS = 2;

  private KafkaIngest() {}

  /** {@code bertstream ingest PATH...}: returns once Kafka answered for every record. */
  public static IngestResult ingest(
      IngestConfig config, KafkaConnection connection, InputStream stdin) {
    Topics topics = Topics.create(connection);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestMetrics metrics = new IngestMetrics(registry);
    int maxDocBytes = config.rules().maxDocBytes();
    try (Producer<String, RawDocument> docs =
            producer(
                connection, topics.docs(), "bertstream-ingest-docs", maxDocBytes, FILE_LINGER_MS);
        // Most runs reject nothing: the DLQ producer (a metadata round trip) is made on first use.
        LazyProducer<String, byte[]> dlq =
            new LazyProducer<>(
                () ->
                    producer(
                        connection,
                        topics.docsDlq(),
                        "bertstream-ingest-dlq",
                        maxDocBytes,
                        FILE_LINGER_MS));
        Progress progress =
            Progress.start("ingest", Progress.Unit.BYTES, config.progressInterval())) {
      DocumentPublisher publisher = publisher(topics, docs, dlq, config.rules(), metrics);
      return new Ingestor(config, publisher, metrics, Clock.systemUTC()).run(stdin, progress);
    }
  }

  /** {@code bertstream ingest serve}: the server runs until the returned handle is closed. */
  public static Serving serve(ServeConfig config, KafkaConnection connection) {
    Topics topics = Topics.create(connection);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestMetrics metrics = new IngestMetrics(registry);
    int maxDocBytes = config.rules().maxDocBytes();
    Producer<String, RawDocument> docs =
        producer(connection, topics.docs(), "bertstream-serve-docs", maxDocBytes, HTTP_LINGER_MS);
    Producer<String, byte[]> dlq =
        producer(connection, topics.docsDlq(), "bertstream-serve-dlq", maxDocBytes, HTTP_LINGER_MS);
    try {
      DocumentPublisher publisher = publisher(topics, docs, () -> dlq, config.rules(), metrics);
      IngestServer server =
          IngestServer.start(config, publisher, metrics, registry, Clock.systemUTC());
      return new Serving(server, docs, dlq);
    } catch (RuntimeException e) {
      docs.close();
      dlq.close();
      throw e;
    }
  }

  /** A running HTTP ingestion server and the producers it owns. */
  public static final class Serving implements AutoCloseable {
    private final IngestServer server;
    private final Producer<String, RawDocument> docs;
    private final Producer<String, byte[]> dlq;

    private Serving(
        IngestServer server, Producer<String, RawDocument> docs, Producer<String, byte[]> dlq) {
      this.server = server;
      this.docs = docs;
      this.dlq = dlq;
    }

    public int port() {
      return server.port();
    }

    /** Where documents are posted, e.g. {@code https://0.0.0.0:8080/documents}. */
    public String url(String host) {
      return server.url(host);
    }

    /** Stops taking requests, then closes the producers (which sends what they still hold). */
    @Override
    public void close() {
      try {
        server.close();
      } finally {
        docs.close();
        dlq.close();
      }
    }
  }

  /** A producer created on first use, closed only if it was. */
  private static final class LazyProducer<K, V> implements Supplier<Producer<K, V>>, AutoCloseable {
    private final Supplier<Producer<K, V>> factory;
    private Producer<K, V> producer;

    LazyProducer(Supplier<Producer<K, V>> factory) {
      this.factory = factory;
    }

    @Override
    public synchronized Producer<K, V> get() {
      if (producer == null) {
        producer = factory.get();
      }
      return producer;
    }

    @Override
    public synchronized void close() {
      if (producer != null) {
        producer.close();
      }
    }
  }

  private static DocumentPublisher publisher(
      Topics topics,
      Producer<String, RawDocument> docs,
      Supplier<Producer<String, byte[]>> dlq,
      DocumentRules rules,
      IngestMetrics metrics) {
    return new DocumentPublisher(
        docs, dlq, topics.docs().name(), topics.docsDlq().name(), rules.dlqPayloadLimit(), metrics);
  }

  private static <V> Producer<String, V> producer(
      KafkaConnection connection,
      Topic<String, V> topic,
      String clientId,
      int maxDocBytes,
      int lingerMs) {
    return new KafkaProducer<>(
        ProducerSettings.apply(connection.clientConfig(), clientId, maxDocBytes, lingerMs),
        topic.keySerde().serializer(),
        topic.valueSerde().serializer());
  }
}
