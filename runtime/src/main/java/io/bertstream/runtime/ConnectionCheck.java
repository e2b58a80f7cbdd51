package io.bertstream.runtime;

import io.bertstream.schemas.registry.Redaction;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryClientConfig;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a connection's settings before a service starts on them: Kafka accepts the login, TLS
 * works both ways, and the schema registry accepts the credentials. Each mistake then fails at
 * once, with the reason ({@link ClientFailures}), instead of inside a service that would count
 * every record as failed, or hang: a PLAINTEXT client of a TLS listener never hears an error (the
 * broker just drops the connection and the client tries again until its timeout), so when Kafka is
 * silent this asks the port whether it speaks TLS ({@link PortProbe}).
 *
 * <p>A Kafka or registry that does not answer is not this check's business: the services wait for
 * them as they always did, so the check logs a warning and returns.
 */
public final class ConnectionCheck {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheck.class);

  /** A local or nearby broker answers well within this; silence longer is suspicious. */
  static final Duration SUSPICIOUS_SILENCE = Duration.ofSeconds(2);

  /** How long Kafka may take to answer before the check gives up and lets the service wait. */
  static final Duration KAFKA_ANSWER = Duration.ofSeconds(10);

  static final Duration REGISTRY_ANSWER = Duration.ofSeconds(5);

  private ConnectionCheck() {}

  /**
   * Returns once Kafka and the registry accepted the settings, or did not answer.
   *
   * @throws RuntimeException a failure {@link ClientFailures#isFatal} holds fatal: Kafka refused
   *     the login, TLS failed, a client cannot be configured, the port speaks TLS to a PLAINTEXT
   *     client ({@link MisconfiguredConnectionException}), or the registry refused the request
   */
  public static void run(KafkaConnection connection) {
    kafka(connection);
    registry(connection);
  }

  private static void kafka(KafkaConnection connection) {
    Optional<InetSocketAddress> first = firstBootstrap(connection);
    if (first.isPresent()
        && !PortProbe.accepts(
            first.get().getHostString(), first.get().getPort(), SUSPICIOUS_SILENCE)) {
      LOG.warn(
          "nothing answers at {}; going on, the service waits for Kafka",
          connection.bootstrapServers());
      return;
    }
    Map<String, Object> config = connection.clientConfig();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "bertstream-connection-check");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_ANSWER.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_ANSWER.toMillis());
    Admin admin = Admin.create(config);
    try {
      KafkaFuture<String> clusterId = admin.describeCluster().clusterId();
      if (answered(clusterId, SUSPICIOUS_SILENCE)) {
        return;
      }
      if (!speaksTls(connection)
          && first.isPresent()
          && PortProbe.speaksTls(
              first.get().getHostString(), first.get().getPort(), SUSPICIOUS_SILENCE)) {
        throw new MisconfiguredConnectionException(
            "Kafka at "
                + connection.bootstrapServers()
                + " speaks TLS, but this client does not: set security.protocol=SASL_SSL (or"
                + " SSL) with the credentials (sasl.mechanism, sasl.jaas.config) and the trust"
                + " store (ssl.truststore.location) in --config or -X");
      }
      if (!answered(clusterId, KAFKA_ANSWER.minus(SUSPICIOUS_SILENCE))) {
        LOG.warn(
            "no answer from Kafka at {} within {}; going on, the service waits for it",
            connection.bootstrapServers(),
            Durations.format(KAFKA_ANSWER));
      }
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  /** Whether Kafka answered within {@code timeout}; throws what it answered when fatal. */
  private static boolean answered(KafkaFuture<String> clusterId, Duration timeout) {
    try {
      clusterId.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      if (ClientFailures.isFatal(e.getCause()) && e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        return false;
      }
      LOG.warn("Kafka's first answer was an error; going on: {}", e.getCause().toString());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static boolean speaksTls(KafkaConnection connection) {
    String protocol =
        connection
            .clientProperties()
            .getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    return protocol.toUpperCase(Locale.ROOT).endsWith("SSL");
  }

  /** The first of the bootstrap servers, unresolved; empty when it is not HOST:PORT. */
  private static Optional<InetSocketAddress> firstBootstrap(KafkaConnection connection) {
    String first = connection.bootstrapServers().split(",")[0].strip();
    int colon = first.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    try {
      String host = first.substring(0, colon).replace("[", "").replace("]", "");
      return Optional.of(
          InetSocketAddress.createUnresolved(host, Integer.parseInt(first.substring(colon + 1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void registry(KafkaConnection connection) {
    Map<String, Object> config = connection.registryConfig();
    config.put(SchemaRegistryClientConfig.MAX_RETRIES, 0);
    config.put(SchemaRegistryClientConfig.REQUEST_TIMEOUT_MS, REGISTRY_ANSWER.toMillis());
    SchemaRegistryClient client = SchemaRegistryClient.create(config);
    try {
      client.subjects();
    } catch (SchemaRegistryException e) {
      // 403: the credentials are right, listing subjects is just not among this user's rights.
      if (e.isClientError() && e.status() != 403) {
        throw e;
      }
      if (!e.isClientError()) {
        LOG.warn(
            "the schema registry at {} did not answer; going on, the service waits for it: {}",
            Redaction.withoutUserInfo(connection.schemaRegistryUrl()),
            e.getMessage());
      }
    }
  }
}
