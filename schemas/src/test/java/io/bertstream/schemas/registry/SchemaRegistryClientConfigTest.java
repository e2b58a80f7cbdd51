package io.bertstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
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
    assertThat(config.userInfo()).isNull();
  }

  @Test
  void shouldTakeCredentialsFromUrlWhenSourceIsUrl() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.from(
            Map.of(
                "schema.registry.url", "http://bob:pw@reg:8081",
                "basic.auth.credentials.source", "URL"));

    assertThat(config.userInfo()).isEqualTo("bob:pw");
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

    assertThat(config.userInfo()).isEqualTo("u:p");
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
                "schema.registry.ssl.truststore.password", "storesecret",
                "schema.registry.request.timeout.ms", "1500"));

    assertThat(config.toString()).doesNotContain("topsecret").doesNotContain("storesecret");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
  }
}
