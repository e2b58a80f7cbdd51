package io.bertstream.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the Kafka cluster and the schema registry are, plus any client properties the user passed
 * through unchanged ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code
 * basic.auth.*}, ...).
 */
public record KafkaConnection(
    String bootstrapServers,
    String schemaRegistryUrl,
    TopicNames topics,
    Map<String, String> clientProperties) {

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

  public KafkaConnection withTopicPrefix(String prefix) {
    return new KafkaConnection(
        bootstrapServers, schemaRegistryUrl, new TopicNames(prefix), clientProperties);
  }

  /** A fresh, mutable client configuration: the pass-through properties plus the bootstrap. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }
}
