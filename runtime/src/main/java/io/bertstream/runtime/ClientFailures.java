package io.bertstream.runtime;

import io.bertstream.runtime.topic.DecodingFailures;
import io.bertstream.schemas.registry.Redaction;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * The one rule for client failures no retry can fix, and the one line that tells the user what to
 * check. They are: Kafka refused the login (SASL), TLS with Kafka failed, the principal lacks an
 * ACL, a Kafka client could not even be configured (no {@code sasl.jaas.config}, an unreadable
 * trust store), the connection is misconfigured ({@link MisconfiguredConnectionException}), or the
 * schema registry refused the request. Services stop on them instead of retrying or counting every
 * record as failed; the command line prints {@link #explain}'s line, never a stack trace.
 *
 * <p>The lines hold no secret: Kafka's and the registry client's messages name settings, never
 * their values, and any URL's user info is removed.
 */
public final class ClientFailures {

  /** Where the ACLs each service needs are listed. */
  private static final String ACL_DOC = "docs/security.md lists the ACLs each service needs";

  private ClientFailures() {}

  /** Whether {@code failure}, or one of its causes, is a failure no retry can fix. */
  public static boolean isFatal(Throwable failure) {
    return explain(failure).isPresent();
  }

  /**
   * One line saying what failed and what to check, when {@code failure} (or one of its causes) is
   * fatal; empty otherwise.
   */
  public static Optional<String> explain(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Optional<String> line = explainOne(cause);
      if (line.isPresent()) {
        return line.map(ClientFailures::oneLine);
      }
    }
    Optional<SchemaRegistryException> registry =
        DecodingFailures.registryFailure(failure).filter(SchemaRegistryException::isClientError);
    if (registry.isPresent()) {
      // A TLS failure's message says so itself; otherwise the registry answered with a refusal.
      String message = registry.get().getMessage();
      return Optional.of(
          oneLine(
              registry.get().isTlsFailure() ? message : "the schema registry refused: " + message));
    }
    return clientSetup(failure).map(ClientFailures::oneLine);
  }

  private static Optional<String> explainOne(Throwable cause) {
    if (cause instanceof MisconfiguredConnectionException) {
      return Optional.of(cause.getMessage());
    }
    if (cause instanceof SaslAuthenticationException) {
      return Optional.of(
          "Kafka refused the login: "
              + cause.getMessage()
              + "; check the user and password in sasl.jaas.config, and sasl.mechanism");
    }
    if (cause instanceof SslAuthenticationException) {
      return Optional.of("TLS with Kafka failed: " + tlsReason(cause) + "; " + tlsHint(cause));
    }
    if (cause instanceof AuthenticationException) {
      return Optional.of(
          "Kafka refused the login: "
              + cause.getMessage()
              + "; check security.protocol, sasl.mechanism and sasl.jaas.config");
    }
    if (cause instanceof TopicAuthorizationException topics) {
      return Optional.of(
          "Kafka denied access to "
              + topicList(topics.unauthorizedTopics())
              + ": this principal has no ACL for it (producing needs WRITE, consuming READ); "
              + ACL_DOC);
    }
    if (cause instanceof GroupAuthorizationException group) {
      return Optional.of(
          "Kafka denied access to the consumer group "
              + (group.groupId() == null ? "" : group.groupId() + " ")
              + "(it needs READ on the group); "
              + ACL_DOC);
    }
    if (cause instanceof TransactionalIdAuthorizationException) {
      return Optional.of(
          "Kafka denied this principal its transactional id (tokenize needs WRITE on the"
              + " transactional ids prefixed with its application id); "
              + ACL_DOC);
    }
    if (cause instanceof ClusterAuthorizationException) {
      return Optional.of(
          "Kafka denied a cluster operation: "
              + cause.getMessage()
              + " (a producer needs WRITE on a topic, or IDEMPOTENT_WRITE on the cluster); "
              + ACL_DOC);
    }
    if (cause instanceof AuthorizationException) {
      return Optional.of("Kafka denied the request: " + cause.getMessage() + "; " + ACL_DOC);
    }
    return Optional.empty();
  }

  /**
   * A Kafka client that could not be made: its constructor wraps the reason (a missing JAAS
   * configuration, a trust store that cannot be read, an invalid value) in "Failed to construct
   * ...". Nothing was sent; the settings are wrong.
   */
  private static Optional<String> clientSetup(Throwable failure) {
    boolean construction = false;
    Throwable root = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof KafkaException
          && (message.startsWith("Failed to construct kafka")
              || message.startsWith("Failed to create new KafkaAdminClient"))) {
        construction = true;
      }
      if (cause instanceof ConfigException) {
        return Optional.of("invalid client setting: " + cause.getMessage());
      }
      root = cause;
    }
    if (!construction) {
      return Optional.empty();
    }
    String reason = String.valueOf(root.getMessage());
    String hint =
        reason.contains("JAAS")
            ? "; a SASL security.protocol needs sasl.jaas.config with the user and password"
            : "; check security.protocol, sasl.* and ssl.* in --config or -X";
    return Optional.of("cannot set up the Kafka client: " + reason + hint);
  }

  private static String tlsReason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private static String tlsHint(Throwable failure) {
    String reason = tlsReason(failure);
    if (reason.contains("PKIX") || reason.contains("certification path")) {
      return "is the broker's certificate signed by a CA in ssl.truststore.location"
          + " (or ssl.truststore.certificates)?";
    }
    if (reason.contains("subject alternative") || reason.contains("No name matching")) {
      return "the broker's certificate does not name the host in the bootstrap servers"
          + " (ssl.endpoint.identification.algorithm)";
    }
    if (reason.contains("bad_certificate") || reason.contains("certificate_required")) {
      return "the broker wants a client certificate it trusts: check ssl.keystore.location";
    }
    return "check ssl.truststore.* and ssl.keystore.* against the broker's certificates";
  }

  private static String topicList(Set<String> topics) {
    if (topics == null || topics.isEmpty()) {
      return "a topic";
    }
    return (topics.size() == 1 ? "topic " : "topics ") + String.join(", ", topics);
  }

  /** Multi-line messages (Kafka joins some with newlines) become one line; URLs lose user info. */
  private static String oneLine(String text) {
    return Redaction.withoutUserInfo(text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
  }
}
