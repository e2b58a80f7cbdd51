package io.bertstream.cli;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of every command that talks to Kafka; mix in with {@code @Mixin}. */
public final class KafkaOptions {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      defaultValue = "http://localhost:8081",
      description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
  String schemaRegistryUrl;

  @Option(
      names = "--topic-prefix",
      defaultValue = TopicNames.DEFAULT_PREFIX,
      description =
          "Prefix of every topic: <prefix>.docs, <prefix>.examples, ... (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file: option names as keys (bootstrap-servers=...), and any Kafka or"
              + " registry client property (security.protocol, sasl.*, ssl.*, basic.auth.*)"
              + " passed through unchanged.")
  String configFile;

  @Option(
      names = {"-X", "--client-property"},
      paramLabel = "KEY=VALUE",
      description = "A Kafka or registry client property, passed through (repeatable).")
  Map<String, String> clientProperties = new HashMap<>();

  /** The connection these options describe, with the config file's client properties below. */
  public KafkaConnection connection(ConfigLayers layers) {
    Map<String, String> properties = new HashMap<>(layers.clientProperties());
    properties.putAll(clientProperties);
    return new KafkaConnection(
        bootstrapServers, schemaRegistryUrl, new TopicNames(topicPrefix), properties);
  }
}
