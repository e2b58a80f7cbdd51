package io.bertstream.local.registry;

import io.bertstream.local.LocalStackException;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry that keeps its schemas in the compacted {@code _schemas}
 * topic of a Kafka cluster, so ids survive restarts and several processes can share it. It replays
 * the topic before it starts serving. It may serve TLS and require credentials ({@link
 * RegistrySecurity}).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

  private final SchemaRegistryService service;
  private final Javalin app;
  private final String host;
  private final String scheme;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedSchemaRegistry(
      SchemaRegistryService service, Javalin app, String host, String scheme) {
    this.service = service;
    this.app = app;
    this.host = host;
    this.scheme = scheme;
  }

  /**
   * Starts on 127.0.0.1:{@code port} (0 picks a free port) over the broker at {@code
   * bootstrapServers}.
   */
  public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
    return start(bootstrapServers, "127.0.0.1", port);
  }

  /**
   * Starts on {@code host}:{@code port} (0 picks a free port).
   *
   * @throws io.bertstream.local.LocalStackException when the port is taken
   * @throws io.bertstream.schemas.registry.SchemaRegistryException when the topic cannot be read
   */
  public static EmbeddedSchemaRegistry start(String bootstrapServers, String host, int port) {
    return start(bootstrapServers, host, port, RegistrySecurity.none());
  }

  /**
   * Starts on {@code host}:{@code port} (0 picks a free port) with TLS and authentication as {@code
   * security} says.
   *
   * @throws io.bertstream.local.LocalStackException when the port is taken
   * @throws io.bertstream.schemas.registry.SchemaRegistryException when the topic cannot be read
   */
  public static EmbeddedSchemaRegistry start(
      String bootstrapServers, String host, int port, RegistrySecurity security) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    return start(
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        host,
        port,
        security);
  }

  /**
   * Like {@link #start(String, String, int, RegistrySecurity)}, keeping its schemas in the cluster
   * {@code kafkaConfig} names: its bootstrap servers and the client properties (SASL, TLS) of the
   * registry's own principal on a secured cluster.
   */
  public static EmbeddedSchemaRegistry start(
      Map<String, ?> kafkaConfig, String host, int port, RegistrySecurity security) {
    Objects.requireNonNull(kafkaConfig, "kafkaConfig");
    Objects.requireNonNull(security, "security");
    SchemaRegistryService service = SchemaRegistryService.onKafka(kafkaConfig);
    try {
      Javalin app =
          Javalin.create(
              config -> {
                config.showJavalinBanner = false;
                if (security.tls()) {
                  config.jetty.addConnector(
                      (server, http) -> HttpsConnector.create(server, http, security, host, port));
                }
              });
      if (security.authenticates()) {
        app.before(new RegistryAuthenticator(security));
      }
      new RegistryRoutes(service).addTo(app);
      try {
        app.start(host, port);
      } catch (JavalinBindException e) {
        throw new LocalStackException(
            "the schema registry cannot listen on " + host + ":" + port + ": the port is taken", e);
      }
      String scheme = security.tls() ? "https" : "http";
      LOG.info(
          "Schema registry listening on {}://{}:{}{}{}",
          scheme,
          host,
          app.port(),
          security.clientCertificatesRequired() ? ", client certificates required" : "",
          security.authenticates() ? ", credentials required" : "");
      return new EmbeddedSchemaRegistry(service, app, host, scheme);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  public int port() {
    return app.port();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8081} ({@code https} with TLS). */
  public String url() {
    return scheme + "://" + host + ":" + port();
  }

  /** Stops serving, then closes the log's clients; safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      app.stop();
    } finally {
      service.close();
    }
  }
}
