package io.bertstream.local;

import io.bertstream.local.registry.EmbeddedSchemaRegistry;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything {@code bertstream local up} runs in one process: the embedded Kafka broker and the
 * embedded schema registry, plus the project's topics for the default prefix.
 *
 * <p>Layout of {@code Config.dataDir()}: {@code kafka/} belongs to {@link EmbeddedKafka}. The
 * registry keeps its schemas in the broker's compacted {@code _schemas} topic, so they live (and
 * keep their ids) in the same folder.
 */
public final class LocalStack implements AutoCloseable {

  static final String KAFKA_DIR = "kafka";

  /**
   * What to start.
   *
   * @param dataDir where everything is kept across restarts
   * @param kafkaPort the broker's client port; 0 = a free one
   * @param registryPort the schema registry's HTTP port; 0 = a free one
   * @param partitions partitions of each project topic created at start
   */
  public record Config(Path dataDir, int kafkaPort, int registryPort, int partitions) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;

    public Config {
      Objects.requireNonNull(dataDir, "dataDir");
      requirePort(kafkaPort, "kafkaPort");
      requirePort(registryPort, "registryPort");
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
      }
    }

    /** The defaults of {@code local up}: ports 9092 and 8081, 12 partitions. */
    public static Config defaults(Path dataDir) {
      return new Config(
          dataDir, DEFAULT_KAFKA_PORT, DEFAULT_REGISTRY_PORT, ProjectTopics.DEFAULT_PARTITIONS);
    }

    /** Every setting at its default, data in {@code .bertstream/local}. */
    public static Config defaults() {
      return defaults(Path.of(".bertstream", "local"));
    }

    public Config withKafkaPort(int port) {
      return new Config(dataDir, port, registryPort, partitions);
    }

    public Config withRegistryPort(int port) {
      return new Config(dataDir, kafkaPort, port, partitions);
    }

    private static void requirePort(int port, String name) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " must be in 0..65535: " + port);
      }
    }
  }

  private final EmbeddedKafka kafka;
  private final EmbeddedSchemaRegistry registry;

  private LocalStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  /**
   * Starts the stack and returns once clients can use it; the project topics for the default prefix
   * {@code bertstream} exist by then.
   */
  public static LocalStack start(Config config) {
    return start(config, new TopicNames(TopicNames.DEFAULT_PREFIX));
  }

  /** Like {@link #start(Config)}, creating the project topics for {@code topics}' prefix. */
  public static LocalStack start(Config config, TopicNames topics) {
    Objects.requireNonNull(topics, "topics");
    EmbeddedKafka kafka =
        EmbeddedKafka.start(config.dataDir().resolve(KAFKA_DIR), config.kafkaPort());
    try {
      try (Admin admin = Admin.create(kafka.superUserConfig())) {
        ProjectTopics.create(admin, topics, config.partitions());
      }
      return new LocalStack(
          kafka, EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), config.registryPort()));
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The schema registry's base URL, e.g. {@code http://127.0.0.1:8081}. */
  public String schemaRegistryUrl() {
    return registry.url();
  }

  /** A connection to this stack for the given topic prefix (topics are not created here). */
  public KafkaConnection connection(String topicPrefix) {
    return new KafkaConnection(
        bootstrapServers(), schemaRegistryUrl(), new TopicNames(topicPrefix), Map.of());
  }

  public String clusterId() {
    return kafka.clusterId();
  }

  /** Stops the registry, then the broker; safe to call more than once. */
  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      kafka.close();
    }
  }
}
