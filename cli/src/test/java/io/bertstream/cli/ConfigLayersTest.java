package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ConfigLayersTest {

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Mixin KafkaOptions kafka;

    @Override
    public void run() {}
  }

  private static KafkaOptions parse(ConfigLayers layers, String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).setDefaultValueProvider(layers).parseArgs(args);
    return probe.kafka;
  }

  @Test
  void shouldUseTheOptionDefaultsWhenNothingElseIsGiven() {
    KafkaOptions options = parse(ConfigLayers.none());
    assertThat(options.bootstrapServers).isEqualTo("localhost:9092");
    assertThat(options.schemaRegistryUrl).isEqualTo("http://localhost:8081");
    assertThat(options.topicPrefix).isEqualTo("bertstream");
  }

  @Test
  void shouldLayerFileUnderEnvironmentUnderFlags(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bertstream.properties");
    Files.writeString(
        file,
        """
        bootstrap-servers=file:9092
        schema-registry-url=http://file:8081
        topic-prefix=fromfile
        security.protocol=SASL_SSL
        """);
    String[] args = {"--config", file.toString(), "--topic-prefix", "fromflag"};
    ConfigLayers layers =
        ConfigLayers.load(args, Map.of("BERTSTREAM_SCHEMA_REGISTRY_URL", "http://env:8081"));

    KafkaOptions options = parse(layers, args);

    assertThat(options.bootstrapServers).isEqualTo("file:9092");
    assertThat(options.schemaRegistryUrl).isEqualTo("http://env:8081");
    assertThat(options.topicPrefix).isEqualTo("fromflag");
  }

  @Test
  void shouldPassClientPropertiesThroughWithFlagsWinning(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
    String[] args = {"--config=" + file, "-X", "sasl.mechanism=SCRAM-SHA-512"};
    ConfigLayers layers = ConfigLayers.load(args, Map.of());

    var connection = parse(layers, args).connection(layers);

    assertThat(connection.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(connection.clientConfig()).containsEntry("bootstrap.servers", "localhost:9092");
  }

  @Test
  void shouldRefuseAConfigFileThatDoesNotExist(@TempDir Path dir) {
    String[] args = {"--config", dir.resolve("missing.properties").toString()};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLayers.load(args, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.properties");
  }

  @Test
  void shouldFindTheConfigFileThroughTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("env.properties");
    Files.writeString(file, "bootstrap-servers=envfile:9092\n");

    ConfigLayers layers =
        ConfigLayers.load(new String[0], Map.of("BERTSTREAM_CONFIG", file.toString()));

    assertThat(parse(layers).bootstrapServers).isEqualTo("envfile:9092");
  }
}
