package io.bertstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientConfigTest {

  @Test
  void shouldSplitCommaSeparatedUrlsAndDropTrailingSlash() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of("schema.registry.url", "http://a:8081/, https://b:8443"));

    assertThat(config.urls())
        .containsExactly(URI.create("http://a:8081"), URI.create("https://b:8443"));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.auth()).isEqualTo(RegistryAuth.NONE);
  }

  @Test
  void shouldTakeCredentialsFromUrlWhenSourceIsUrl() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "http://bob:pw@reg:8081",
                "basic.auth.credentials.source", "URL"));

    assertThat(config.auth()).isEqualTo(new RegistryAuth.Basic(new Password("bob:pw")));
    assertThat(config.urls()).containsExactly(URI.create("http://reg:8081"));
  }

  @Test
  void shouldAcceptPrefixedBasicAuthKeys() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "http://reg:8081",
                "schema.registry.basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "u:p"));

    assertThat(config.auth()).isEqualTo(new RegistryAuth.Basic(new Password("u:p")));
  }

  @Test
  void shouldRejectUserInfoWithoutColon() {
    assertThatThrownBy(
            () ->
                SchemaRegistryClientConfig.from(
                    Map.of(
                        "schema.registry.url", "http://reg:8081",
                        "basic.auth.credentials.source", "USER_INFO",
                        "basic.auth.user.info", "justuser")))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("justuser");
  }

  @Test
  void shouldRequireAnHttpUrl() {
    assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of()))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(
            () -> SchemaRegistryClientConfig.from(Map.of("schema.registry.url", "ftp://x")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void shouldNotPrintSecrets() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "http://reg:8081",
                "basic.auth.user.info", "u:topsecret",
                "schema.registry.ssl.truststore.location", "/etc/trust.p12",
                "schema.registry.ssl.truststore.password", "storesecret",
                "schema.registry.request.timeout.ms", "1500"));

    assertThat(config.toString()).doesNotContain("topsecret").doesNotContain("storesecret");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void shouldSendABearerTokenWithOrWithoutItsSource() {
    SchemaRegistryClientConfig withSource =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "https://reg:8081",
                "bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "tok-123"));
    SchemaRegistryClientConfig prefixed =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "https://reg:8081",
                "schema.registry.bearer.auth.token", "tok-123"));

    assertThat(withSource.auth()).isEqualTo(new RegistryAuth.Bearer(new Password("tok-123")));
    assertThat(withSource.auth().header()).contains("Bearer tok-123");
    assertThat(prefixed.auth()).isEqualTo(withSource.auth());
  }

  @Test
  void shouldRefuseBasicAuthAndABearerTokenTogether() {
    assertRefused(
        Map.of(
            "schema.registry.url", "https://reg:8081",
            "basic.auth.user.info", "u:s3cret-pw",
            "bearer.auth.token", "s3cret-token"),
        "basic.auth.user.info",
        "bearer.auth.token");
    assertRefused(
        Map.of(
            "schema.registry.url", "https://u:s3cret-pw@reg:8081",
            "bearer.auth.credentials.source", "STATIC_TOKEN",
            "bearer.auth.token", "s3cret-token"),
        "bearer.auth.token");
  }

  @Test
  void shouldRefuseIncompleteCredentials() {
    assertRefused(
        Map.of(
            "schema.registry.url", "https://reg:8081",
            "bearer.auth.credentials.source", "STATIC_TOKEN"),
        "bearer.auth.token");
    assertRefused(
        Map.of(
            "schema.registry.url", "https://reg:8081",
            "bearer.auth.credentials.source", "OAUTHBEARER",
            "bearer.auth.token", "s3cret-token"),
        "STATIC_TOKEN");
    assertRefused(
        Map.of(
            "schema.registry.url", "https://reg:8081",
            "basic.auth.credentials.source", "USER_INFO"),
        "basic.auth.user.info");
    assertRefused(
        Map.of(
            "schema.registry.url", "https://reg:8081",
            "basic.auth.credentials.source", "URL"),
        "URL");
    assertRefused(
        Map.of("schema.registry.url", "https://reg:8081", "basic.auth.user.info", "s3cret-pw"),
        "user:password");
  }

  @Test
  void shouldReadAKeyStoreAsTheClientCertificate() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "https://reg:8081",
                "schema.registry.ssl.keystore.location", "/etc/client.p12",
                "schema.registry.ssl.keystore.password", "s3cret-store",
                "schema.registry.ssl.key.password", "s3cret-key"));

    assertThat(config.clientCertificate())
        .isEqualTo(
            new ClientCertificate.KeyStoreFile(
                "/etc/client.p12",
                "PKCS12",
                new Password("s3cret-store"),
                new Password("s3cret-key")));
    assertThat(config.toString()).contains("/etc/client.p12").doesNotContain("s3cret");
  }

  @Test
  void shouldReadPemAsAFileOrAsText() {
    SchemaRegistryClientConfig file =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "https://reg:8081",
                "schema.registry.ssl.keystore.type", "pem",
                "schema.registry.ssl.keystore.location", "/etc/client.pem"));
    SchemaRegistryClientConfig text =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "https://reg:8081",
                "schema.registry.ssl.keystore.key", "-----BEGIN PRIVATE KEY----- s3cret",
                "schema.registry.ssl.keystore.certificate.chain", "-----BEGIN CERTIFICATE-----"));

    assertThat(file.clientCertificate())
        .isEqualTo(new ClientCertificate.PemFile("/etc/client.pem", null));
    assertThat(text.clientCertificate()).isInstanceOf(ClientCertificate.PemText.class);
    assertThat(text.toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldRefuseIncompleteOrContradictoryClientCertificates() {
    String url = "https://reg:8081";
    assertRefused(
        Map.of(
            "schema.registry.url", url, "schema.registry.ssl.keystore.location", "/etc/client.p12"),
        "schema.registry.ssl.keystore.password");
    assertRefused(
        Map.of("schema.registry.url", url, "schema.registry.ssl.keystore.password", "s3cret"),
        "schema.registry.ssl.keystore.location");
    assertRefused(
        Map.of("schema.registry.url", url, "schema.registry.ssl.key.password", "s3cret"),
        "schema.registry.ssl.keystore.location");
    assertRefused(
        Map.of("schema.registry.url", url, "schema.registry.ssl.keystore.key", "s3cret-key-text"),
        "schema.registry.ssl.keystore.certificate.chain");
    assertRefused(
        Map.of(
            "schema.registry.url", url,
            "schema.registry.ssl.keystore.location", "/etc/client.pem",
            "schema.registry.ssl.keystore.key", "s3cret-key-text",
            "schema.registry.ssl.keystore.certificate.chain", "chain"),
        "not both");
    assertRefused(
        Map.of(
            "schema.registry.url", url,
            "schema.registry.ssl.keystore.type", "PEM",
            "schema.registry.ssl.keystore.location", "/etc/client.pem",
            "schema.registry.ssl.keystore.password", "s3cret"),
        "schema.registry.ssl.key.password");
    assertRefused(
        Map.of(
            "schema.registry.url", url,
            "schema.registry.ssl.keystore.type", "JKS",
            "schema.registry.ssl.keystore.key", "s3cret-key-text",
            "schema.registry.ssl.keystore.certificate.chain", "chain"),
        "PEM");
    assertRefused(
        Map.of(
            "schema.registry.url", url,
            "schema.registry.ssl.keystore.type", "P12",
            "schema.registry.ssl.keystore.location", "/etc/client.p12",
            "schema.registry.ssl.keystore.password", "s3cret"),
        "PKCS12, JKS, PEM");
    assertRefused(
        Map.of("schema.registry.url", url, "schema.registry.ssl.truststore.password", "s3cret"),
        "schema.registry.ssl.truststore.location");
  }

  @Test
  void shouldKeepTheUrlsUserInfoOutOfErrors() {
    assertRefused(Map.of("schema.registry.url", "ftp://u:s3cret@reg:8081"), "http://");
  }

  /**
   * One line that names what to fix and holds no secret (every secret in these maps has s3cret).
   */
  private static void assertRefused(Map<String, String> properties, String... named) {
    assertThatThrownBy(() -> SchemaRegistryClientConfig.from(properties))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .contains(named)
                    .doesNotContain("s3cret")
                    .doesNotContain("\n"));
  }
}
