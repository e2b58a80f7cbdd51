package io.bertstream.runtime;

import io.bertstream.schemas.registry.Redaction;
import io.bertstream.schemas.registry.SchemaRegistryClientConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the Kafka cluster and the schema registry are, plus any client properties the user passed
 * through unchanged ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code
 * basic.auth.*}, ...). Those may hold passwords, keys and tokens, and the registry URL a {@code
 * user:password@}: {@link #toString()} shows none of them.
 */
public record KafkaConnection(
    String bootstrapServers,
    String schemaRegistryUrl,
    TopicNames topics,
    Map<String, String> clientProperties) {

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";

  public KafkaConnection {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(topics, "topics");
    clientProperties = Map.copyOf(clientProperties);
  }

  public static KafkaConnection of(String bootstrapServers, String schemaRegistryUrl) {
    return new KafkaConnection(
        bootstrapServers, schemaRegistryUrl, new TopicNames(TopicNames.DEFAULT_PREFIX), Map.of());
  }

  /** A broker and a registry on this machine's default ports, the default prefix, no properties. */
  public static KafkaConnection defaults() {
    return of(DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_SCHEMA_REGISTRY_URL);
  }

  /** The same topics and client properties on another cluster and registry. */
  public KafkaConnection withEndpoints(String newBootstrapServers, String newSchemaRegistryUrl) {
    return new KafkaConnection(newBootstrapServers, newSchemaRegistryUrl, topics, clientProperties);
  }

  public KafkaConnection withClientProperties(Map<String, String> properties) {
    return new KafkaConnection(bootstrapServers, schemaRegistryUrl, topics, properties);
  }

  public KafkaConnection withTopicPrefix(String prefix) {
    return new KafkaConnection(
        bootstrapServers, schemaRegistryUrl, new TopicNames(prefix), clientProperties);
  }

  /** The connection with every secret shown as {@code [hidden]}. */
  @Override
  public String toString() {
    return "KafkaConnection[bootstrapServers="
        + bootstrapServers
        + ", schemaRegistryUrl="
        + Redaction.withoutUserInfo(schemaRegistryUrl)
        + ", topics="
        + topics
        + ", clientProperties="
        + Redaction.redacted(clientProperties)
        + "]";
  }

  /** A fresh, mutable client configuration: the pass-through properties plus the bootstrap. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /**
   * A fresh, mutable schema-registry client configuration: the pass-through properties ({@code
   * basic.auth.*}, {@code schema.registry.ssl.*}, ...) plus the registry's URL.
   */
  public Map<String, Object> registryConfig() {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(SchemaRegistryClientConfig.URL, schemaRegistryUrl);
    return config;
  }
}
