package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the quickstart's command line builds, without running it. */
class QuickstartCommandTest {

  private static QuickstartConfig parse(ConfigLayers layers, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "quickstart";
    System.arraycopy(args, 0, all, 1, args.length);
    return ((QuickstartCommand)
            Bertstream.commandLine(layers).parseArgs(all).subcommand().commandSpec().userObject())
        .config();
  }

  private static ConfigLayers fileWithSasl() {
    Properties file = new Properties();
    file.setProperty("security.protocol", "SASL_SSL");
    file.setProperty("sasl.mechanism", "PLAIN");
    return new ConfigLayers(Map.of("BERTSTREAM_TOPIC_PREFIX", "acme"), file);
  }

  /** Each service's configuration on the cluster the run would use. */
  private static QuickstartServices services(QuickstartConfig config) {
    return new QuickstartServices(config, config.connection());
  }

  @Test
  void shouldGiveEveryServiceTheClientPropertiesOfAnExistingCluster() {
    QuickstartConfig config =
        parse(
            fileWithSasl(),
            "--bootstrap-servers",
            "broker.example:9093",
            "--schema-registry-url",
            "https://registry.example",
            "-X",
            "sasl.mechanism=SCRAM-SHA-512");
    QuickstartServices services = services(config);

    assertThat(config.embedded()).isFalse();
    KafkaConnection[] connections = {
      services.connection(),
      services.stream().connection(),
      services.trainer(0, Duration.ZERO, OpsSettings.OFF).connection()
    };
    for (KafkaConnection connection : connections) {
      assertThat(connection.bootstrapServers()).isEqualTo("broker.example:9093");
      assertThat(connection.schemaRegistryUrl()).isEqualTo("https://registry.example");
      assertThat(connection.topics().prefix()).isEqualTo("acme");
      assertThat(connection.clientProperties())
          .containsEntry("security.protocol", "SASL_SSL")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }
  }

  @Test
  void shouldUseAClusterNamedOnlyInTheEnvironment() {
    ConfigLayers layers =
        new ConfigLayers(Map.of("BERTSTREAM_BOOTSTRAP_SERVERS", "env:9092"), new Properties());

    QuickstartConfig config = parse(layers);

    assertThat(config.embedded()).isFalse();
    assertThat(config.connection().bootstrapServers()).isEqualTo("env:9092");
  }

  @Test
  void shouldStartTheEmbeddedStackWhenNoClusterIsNamedAndKeepThePrefix() {
    QuickstartConfig config = parse(fileWithSasl());

    assertThat(config.embedded()).isTrue();
    assertThat(config.connection().topics().prefix()).isEqualTo("acme");
  }

  @Test
  void shouldRefuseARegistryWithoutACluster() {
    CommandLineRun run =
        CommandLineRun.of("quickstart", "--schema-registry-url", "http://elsewhere:8081");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--schema-registry-url needs --bootstrap-servers");
  }

  @Test
  void shouldCountMaxStepsInTotalAsTrainDoes() {
    QuickstartConfig config = parse(ConfigLayers.none(), "--max-steps", "100");

    assertThat(services(config).trainer(0, Duration.ZERO, OpsSettings.OFF).maxSteps())
        .isEqualTo(100);
    assertThat(services(config).trainer(60, Duration.ZERO, OpsSettings.OFF).maxSteps())
        .as("resumed at step 60: still stops at 100")
        .isEqualTo(100);
  }

  @Test
  void shouldCountStepsThisRunFromWhereTheRunResumes() {
    QuickstartConfig config = parse(ConfigLayers.none(), "--steps-this-run", "30");

    assertThat(services(config).trainer(0, Duration.ZERO, OpsSettings.OFF).maxSteps())
        .isEqualTo(30);
    assertThat(services(config).trainer(60, Duration.ZERO, OpsSettings.OFF).maxSteps())
        .isEqualTo(90);
  }

  @Test
  void shouldStopAtTheSoonerOfBothLimits() {
    QuickstartConfig config =
        parse(ConfigLayers.none(), "--max-steps", "100", "--steps-this-run", "30");

    assertThat(services(config).trainer(60, Duration.ZERO, OpsSettings.OFF).maxSteps())
        .isEqualTo(90);
    assertThat(services(config).trainer(80, Duration.ZERO, OpsSettings.OFF).maxSteps())
        .isEqualTo(100);
    assertThat(
            services(parse(ConfigLayers.none()))
                .trainer(80, Duration.ZERO, OpsSettings.OFF)
                .maxSteps())
        .as("no limit but the time budget")
        .isZero();
  }

  @Test
  void shouldBuildEachServiceFromItsOwnDefaultsWithTheQuickstartsSettingsOnTop() {
    QuickstartConfig config =
        parse(
            ConfigLayers.none(),
            "--data-dir",
            "run",
            "--max-seq-length",
            "64",
            "--vocab-size",
            "1500",
            "--learning-rate",
            "0.001");
    QuickstartServices services = services(config);

    TokenizerStreamConfig stream = services.stream();
    assertThat(stream.recipe().maxSeqLength()).isEqualTo(64);
    assertThat(stream.recipe().evalFraction()).isEqualTo(QuickstartServices.EVAL_FRACTION);
    assertThat(stream.recipe().maskedLmProb())
        .isEqualTo(TokenizerStreamConfig.defaults().recipe().maskedLmProb());
    assertThat(stream.stateDir()).isEqualTo(Path.of("run", "streams"));
    assertThat(stream.ops().enabled()).isFalse();

    OpsSettings dashboard = new OpsSettings("127.0.0.1", 0);
    TrainerConfig trainer = services.trainer(0, Duration.ZERO, dashboard);
    assertThat(trainer.optimization().learningRate()).isEqualTo(0.001);
    assertThat(trainer.optimization().weightDecay())
        .isEqualTo(TrainerConfig.defaults().optimization().weightDecay());
    assertThat(trainer.ops()).as("the dashboard's server").isEqualTo(dashboard);
    assertThat(config.dashboardPort()).isEqualTo(TrainerConfig.DEFAULT_OPS_PORT);
    assertThat(parse(ConfigLayers.none(), "--dashboard-port", "-1").dashboardPort()).isEqualTo(-1);
    assertThat(trainer.tokenizer()).isEqualTo(Path.of("run", "tokenizer", "tokenizer.json"));

    assertThat(services.vocabTraining().vocabSize()).isEqualTo(1500);
    assertThat(services.vocabTraining().tokenizerJson()).isEqualTo(trainer.tokenizer());
  }

  @Test
  void shouldGiveTheTrainerThisRunsTimeBudgetOnTopOfTheTrainingTimeItResumesFrom() {
    QuickstartConfig config = parse(ConfigLayers.none(), "--time-budget", "90s");

    assertThat(config.budget()).isEqualTo(Duration.ofSeconds(90));
    assertThat(services(config).trainer(0, Duration.ZERO, OpsSettings.OFF).timeBudget())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(services(config).trainer(40, Duration.ofMinutes(10), OpsSettings.OFF).timeBudget())
        .isEqualTo(Duration.ofSeconds(690));
    assertThat(parse(ConfigLayers.none(), "--minutes", "1.5").budget())
        .as("the deprecated --minutes still works")
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(CommandLineRun.of("quickstart", "--time-budget", "0s").status())
        .as("a budget must be positive")
        .isEqualTo(2);
  }

  @Test
  void shouldPassTheDupeFactorToTheStreamAndMakeThreeCopiesByDefault() {
    assertThat(services(parse(ConfigLayers.none())).stream().recipe().dupeFactor()).isEqualTo(3);

    TokenizerStreamConfig stream =
        services(parse(ConfigLayers.none(), "--dupe-factor", "4", "--seed", "9")).stream();

    assertThat(stream.recipe().dupeFactor()).isEqualTo(4);
    assertThat(stream.recipe().seed()).isEqualTo(9);
    assertThat(CommandLineRun.of("quickstart", "--dupe-factor", "0").err())
        .contains("--dupe-factor must be >= 1");
  }

  @Test
  void shouldPassAccumulationPassesAndTheScheduleToTheTrainer() {
    TrainerConfig trainer =
        services(
                parse(
                    ConfigLayers.none(),
                    "--accumulate",
                    "4",
                    "--epochs",
                    "3",
                    "--schedule",
                    "cosine"))
            .trainer(0, Duration.ZERO, OpsSettings.OFF);

    assertThat(trainer.accumulate()).isEqualTo(4);
    assertThat(trainer.epochs()).isEqualTo(3);
    assertThat(trainer.optimization().schedule()).isEqualTo("cosine");
  }

  /** One execution of the command line, with what it printed on stderr. */
  private record CommandLineRun(int status, String err) {
    static CommandLineRun of(String... args) {
      var commandLine = Bertstream.commandLine(ConfigLayers.none());
      StringWriter err = new StringWriter();
      commandLine.setErr(new PrintWriter(err));
      int status = commandLine.execute(args);
      return new CommandLineRun(status, err.toString());
    }
  }
}
