package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.schemas.registry.SchemaRegistryException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class ClientFailuresTest {

  /** How Kafka Streams and the futures of the clients wrap what the broker said. */
  private static Throwable wrapped(Throwable cause) {
    return new KafkaException("stream-thread failed", new ExecutionException(cause));
  }

  @Test
  void shouldTellARefusedLoginAndWhatToCheck() {
    assertThat(
            ClientFailures.explain(
                wrapped(
                    new SaslAuthenticationException(
                        "Authentication failed during authentication due to invalid credentials"
                            + " with SASL mechanism SCRAM-SHA-512"))))
        .hasValue(
            "Kafka refused the login: Authentication failed during authentication due to invalid"
                + " credentials with SASL mechanism SCRAM-SHA-512; check the user and password in"
                + " sasl.jaas.config, and sasl.mechanism");
  }

  @Test
  void shouldTellAnUntrustedCertificateByTheTrustStore() {
    SslAuthenticationException tls =
        new SslAuthenticationException(
            "SSL handshake failed",
            new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path"));

    assertThat(ClientFailures.explain(wrapped(tls)))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith("TLS with Kafka failed: PKIX path building failed")
                    .contains("ssl.truststore.location"));
  }

  @Test
  void shouldNameTheTopicOrGroupAPrincipalMayNotUse() {
    assertThat(
            ClientFailures.explain(wrapped(new TopicAuthorizationException(Set.of("p.examples")))))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith("Kafka denied access to topic p.examples: ")
                    .contains("WRITE", "READ", "docs/security.md"));
    assertThat(ClientFailures.explain(GroupAuthorizationException.forGroupId("p.trainer")))
        .hasValueSatisfying(line -> assertThat(line).contains("consumer group p.trainer"));
  }

  @Test
  void shouldTellAClientThatCouldNotBeMadeWithoutItsJaasConfiguration() {
    KafkaException construction =
        new KafkaException(
            "Failed to construct kafka producer",
            new KafkaException(
                new IllegalArgumentException(
                    "Could not find a 'KafkaClient' entry in the JAAS configuration. System"
                        + " property 'java.security.auth.login.config' is not set")));

    assertThat(ClientFailures.explain(construction))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith("cannot set up the Kafka client: Could not find a 'KafkaClient'")
                    .contains("needs sasl.jaas.config"));
  }

  @Test
  void shouldTellARegistryRefusalButWaitOutARegistryOutage() {
    SchemaRegistryException refused =
        new SchemaRegistryException(
            401, 401, "HTTP 401 from https://[hidden]@registry:8081: check basic.auth.*");
    SchemaRegistryException down = new SchemaRegistryException(503, 503, "unavailable");

    assertThat(ClientFailures.explain(new SerializationException("cannot serialize", refused)))
        .hasValue(
            "the schema registry refused: HTTP 401 from https://[hidden]@registry:8081: check"
                + " basic.auth.*");
    assertThat(ClientFailures.isFatal(new SerializationException("cannot serialize", down)))
        .isFalse();
  }

  @Test
  void shouldLeaveFailuresARetryMayFixToTheirCallers() {
    assertThat(ClientFailures.isFatal(new TimeoutException("Timed out waiting for a node")))
        .isFalse();
    assertThat(ClientFailures.isFatal(new IllegalStateException("disk full"))).isFalse();
  }

  @Test
  void shouldKeepTheLineOnOneLineWithoutAUrlsUserInfo() {
    MisconfiguredConnectionException misconfigured =
        new MisconfiguredConnectionException(
            "Kafka at https://bob:pw-s3cret@host:9093 speaks TLS,\n but this client does not");

    assertThat(ClientFailures.explain(wrapped(misconfigured)))
        .hasValue("Kafka at https://[hidden]@host:9093 speaks TLS, but this client does not");
  }
}
