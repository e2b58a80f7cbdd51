package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.stream.StreamMetrics;
import io.bertstream.stream.StreamsSettings;
import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.trainer.TrainerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaOptionsTest {

  private static ConfigLayers fileWithSasl() {
    Properties file = new Properties();
    file.setProperty("security.protocol", "SASL_SSL");
    file.setProperty("topic-prefix", "acme");
    return new ConfigLayers(Map.of(), file);
  }

  /** The innermost command {@code args} select, as picocli filled it in. */
  private static Object command(ConfigLayers layers, String... args) {
    CommandLine.ParseResult result = Bertstream.commandLine(layers).parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.commandSpec().userObject();
  }

  @Test
  void shouldConnectEveryCommandOverTheConfigFilesClientProperties() {
    ConfigLayers layers = fileWithSasl();
    KafkaConnection[] connections = {
      ((IngestCommand) command(layers, "ingest", "-")).kafka.connection(),
      ((IngestCommand.Serve) command(layers, "ingest", "serve")).kafka.connection(),
      ((InspectCommand) command(layers, "inspect", "docs")).kafka.connection(),
      ((VocabCommand.Train) command(layers, "vocab", "train", "--out", "t")).kafka.connection(),
      ((TokenizeCommand) command(layers, "tokenize", "--tokenizer", "t")).kafka.connection(),
      ((TrainCommand) command(layers, "train", "--tokenizer", "t", "--checkpoint-dir", "c"))
          .kafka.connection(),
      ((QuickstartCommand) command(layers, "quickstart", "--bootstrap-servers", "b:9092"))
          .kafka.connection(),
    };

    for (KafkaConnection connection : connections) {
      assertThat(connection.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
      assertThat(connection.topics().prefix()).isEqualTo("acme");
    }
  }

  @Test
  void shouldGiveEveryCommandThatTalksToKafkaTheSameOptions() {
    List<String> withKafkaOptions = new ArrayList<>();
    collectCommandsWithKafkaOptions(Bertstream.commandLine(ConfigLayers.none()), withKafkaOptions);

    assertThat(withKafkaOptions)
        .containsExactlyInAnyOrder(
            "bertstream ingest",
            "bertstream ingest serve",
            "bertstream vocab train",
            "bertstream tokenize",
            "bertstream inspect",
            "bertstream train",
            "bertstream quickstart");
  }

  private static void collectCommandsWithKafkaOptions(CommandLine command, List<String> found) {
    if (command.getCommandSpec().mixins().values().stream()
        .anyMatch(mixin -> mixin.userObject() instanceof KafkaOptions)) {
      found.add(command.getCommandSpec().qualifiedName());
    }
    command.getSubcommands().values().forEach(sub -> collectCommandsWithKafkaOptions(sub, found));
  }

  /**
   * What each service is configured with carries the client properties, and so does what its
   * clients are made from: the producers' and consumers' {@code clientConfig()}, the registry
   * client's {@code registryConfig()}, and Kafka Streams' properties (its own producer, consumers
   * and admin).
   */
  @Test
  void shouldHandTheClientPropertiesToEveryServiceAndEachOfItsClients() {
    ConfigLayers layers = fileWithSasl();
    TokenizerStreamConfig tokenize =
        ((TokenizeCommand) command(layers, "tokenize", "--tokenizer", "t")).config();
    TrainerConfig train =
        ((TrainCommand) command(layers, "train", "--tokenizer", "t", "--checkpoint-dir", "c"))
            .config();
    QuickstartConfig quickstart =
        ((QuickstartCommand) command(layers, "quickstart", "--bootstrap-servers", "b:9092"))
            .config();
    QuickstartServices services = new QuickstartServices(quickstart, quickstart.connection());
    List<KafkaConnection> connections =
        List.of(
            tokenize.connection(),
            train.connection(),
            quickstart.connection(),
            services.stream().connection(),
            services.trainer(0, Duration.ZERO, OpsSettings.OFF).connection());

    assertThat(quickstart.embedded()).isFalse();
    for (KafkaConnection connection : connections) {
      assertThat(connection.bootstrapServers()).isIn("localhost:9092", "b:9092");
      assertThat(connection.topics().prefix()).isEqualTo("acme");
      assertThat(connection.clientConfig()).containsEntry("security.protocol", "SASL_SSL");
      assertThat(connection.registryConfig()).containsEntry("security.protocol", "SASL_SSL");
    }
    assertThat(StreamsSettings.properties(tokenize, new StreamMetrics(new SimpleMeterRegistry())))
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void shouldHideTheRegistryPasswordInHelpButConnectWithIt() {
    ConfigLayers layers =
        new ConfigLayers(
            Map.of("BERTSTREAM_SCHEMA_REGISTRY_URL", "https://bob:pw-s3cret@registry:8081"),
            new Properties());
    CommandLine ingest = Bertstream.commandLine(layers).getSubcommands().get("ingest");

    assertThat(ingest.getUsageMessage(CommandLine.Help.Ansi.OFF))
        .contains("https://[hidden]@registry:8081")
        .doesNotContain("s3cret");
    assertThat(ingest.getUsageMessage(CommandLine.Help.Ansi.ON)).doesNotContain("s3cret");
    assertThat(((IngestCommand) command(layers, "ingest", "-")).kafka.connection())
        .satisfies(c -> assertThat(c.schemaRegistryUrl()).contains("pw-s3cret"))
        .satisfies(c -> assertThat(c.toString()).doesNotContain("s3cret"));
  }

  @Test
  void shouldLetAClientPropertyFlagWinOverTheConfigFile() {
    IngestCommand.Serve serve =
        (IngestCommand.Serve)
            command(fileWithSasl(), "ingest", "serve", "-X", "security.protocol=SSL");

    assertThat(serve.kafka.connection().clientProperties())
        .containsEntry("security.protocol", "SSL");
  }

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Mixin KafkaOptions kafka;

    @Override
    public void run() {}
  }

  @Test
  void shouldConnectOverTheLayersOfAnyCommandLineTheyAreGiven() {
    Probe probe = new Probe();
    new CommandLine(probe).setDefaultValueProvider(fileWithSasl()).parseArgs("-X", "acks=all");

    assertThat(probe.kafka.connection().clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("acks", "all");
  }

  @Test
  void shouldConnectOverNoClientPropertiesWithoutConfigurationLayers() {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs("-X", "acks=all");

    assertThat(probe.kafka.connection().clientProperties())
        .containsExactly(Map.entry("acks", "all"));
  }
}
