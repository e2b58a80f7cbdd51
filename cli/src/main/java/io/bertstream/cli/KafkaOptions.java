package io.bertstream.cli;

import io.bertstream.runtime.ConnectionCheck;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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

  static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
  static final String SCHEMA_REGISTRY_URL = "--schema-registry-url";

  @Option(
      names = BOOTSTRAP_SERVERS,
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers = KafkaConnection.defaults().bootstrapServers();

  @Option(
      names = SCHEMA_REGISTRY_URL,
      description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
  String schemaRegistryUrl = KafkaConnection.defaults().schemaRegistryUrl();

  @Option(
      names = "--topic-prefix",
      description =
          "Prefix of every topic: <prefix>.docs, <prefix>.examples, ... (default: ${DEFAULT-VALUE}).")
  String topicPrefix = KafkaConnection.defaults().topics().prefix();

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
    return connection(layers());
  }

  /**
   * The connection, once checked against the cluster and the registry ({@link ConnectionCheck}): a
   * wrong password, an untrusted certificate, missing credentials or a PLAINTEXT client of a TLS
   * listener fail here, at once and with the reason, before the command starts its clients. Call it
   * where the command is about to connect, after it has checked its own inputs.
   */
  public KafkaConnection checkedConnection() {
    KafkaConnection connection = connection();
    ConnectionCheck.run(connection);
    return connection;
  }

  /**
   * Whether {@code name} (one of these options) was set by the user, on the command line, in the
   * environment or in the config file, rather than left at its default, even if set to the
   * default's value.
   */
  boolean isSet(String name) {
    OptionSpec option = command.findOption(name);
    return !option.originalStringValues().isEmpty() || layers().sets(option);
  }

  private ConfigLayers layers() {
    return command.defaultValueProvider() instanceof ConfigLayers layers
        ? layers
        : ConfigLayers.none();
  }

  /** The connection these options describe, with the config file's client properties below. */
  public KafkaConnection connection(ConfigLayers layers) {
    Map<String, String> properties = new HashMap<>(layers.clientProperties());
    properties.putAll(clientProperties);
    return new KafkaConnection(
        bootstrapServers, schemaRegistryUrl, new TopicNames(topicPrefix), properties);
  }
}
