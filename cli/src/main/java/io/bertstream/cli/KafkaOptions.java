package io.bertstream.cli;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that talks to Kafka; mix in with {@code @Mixin}. The command needs
 * nothing else to connect: {@link #connection()} finds the configuration layers of its command
 * line.
 */
public final class KafkaOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

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

  /**
   * The connection these options describe, over the client properties of the configuration layers
   * that supplied the command's defaults (none when the command line has no {@link ConfigLayers}).
   */
  public KafkaConnection connection() {
    return connection(
        command.defaultValueProvider() instanceof ConfigLayers layers
            ? layers
            : ConfigLayers.none());
  }

  /** The connection these options describe, with the config file's client properties below. */
  public KafkaConnection connection(ConfigLayers layers) {
    Map<String, String> properties = new HashMap<>(layers.clientProperties());
    properties.putAll(clientProperties);
    return new KafkaConnection(
        bootstrapServers, schemaRegistryUrl, new TopicNames(topicPrefix), properties);
  }
}
