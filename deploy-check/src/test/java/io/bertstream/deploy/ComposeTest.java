package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.runtime.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

class ComposeTest {

  private final Repository repository = Repository.locate();
  private ComposeFile compose;

  @BeforeEach
  void parse() throws Exception {
    compose = ComposeFile.parse(repository.read(repository.docker("compose.yaml")));
  }

  @Test
  void shouldRunTheWholeStackAsNamedServices() {
    assertThat(compose.services())
        .containsOnlyKeys(
            "kafka",
            "schema-registry",
            "topics-init",
            "vocab-init",
            "ingest-token",
            "ingest",
            "tokenize",
            "train",
            "prometheus",
            "grafana");
  }

  @Test
  void shouldRunKafkaInKraftModeWithOneReplicaInternalTopics() {
    Map<String, String> kafka = compose.services().get("kafka").environment();
    assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    assertThat(kafka)
        .containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS")
        .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
    // exactly_once_v2 needs the transaction state log; one broker can only hold one replica.
    assertThat(kafka)
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
  }

  @Test
  void shouldGiveEveryBertstreamServiceAValidCommandAndOnlyEnvironmentItsFlagsRead() {
    int checked = 0;
    for (Map.Entry<String, ComposeFile.Service> entry : compose.services().entrySet()) {
      ComposeFile.Service service = entry.getValue();
      if (!service.image().startsWith("bertstream/")) {
        continue;
      }
      assertThat(service.entrypoint())
          .as(entry.getKey() + " keeps the image's entrypoint")
          .isNull();
      ParseResult command = CliCommands.parse(service.command());
      assertThat(CliCommands.unreadEnvironment(command, service.environmentOrEmpty().keySet()))
          .as(
              entry.getKey()
                  + ": BERTSTREAM_* variables no flag of `"
                  + CliCommands.name(command)
                  + "` reads")
          .isEmpty();
      if (service.runsUntilStopped()) {
        int served = CliCommands.servedPort(command).orElseThrow();
        assertThat(String.join(" ", service.healthcheck().test()))
            .as(entry.getKey() + ": the health check asks the port the command serves on")
            .contains("localhost:" + served + "/health/");
      }
      checked++;
    }
    assertThat(checked).isEqualTo(5);
  }

  @Test
  void shouldServeDocumentsOnlyWithTheTokenTheTokenServiceWroteIntoAVolume() {
    ComposeFile.Service ingest = compose.services().get("ingest");
    String tokenFile =
        CliCommands.value(CliCommands.parse(ingest.command()), "--auth-token-file")
            .orElseThrow(() -> new AssertionError("ingest serve runs without --auth-token-file"));
    String directory = tokenFile.substring(0, tokenFile.lastIndexOf('/'));
    String readOnly =
        ingest.volumes().stream()
            .filter(volume -> volume.endsWith(":" + directory + ":ro"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(directory + " is not mounted read-only"));
    String volume = readOnly.split(":")[0];

    assertThat(compose.volumes()).as("a named volume, not a host folder").containsKey(volume);
    List<Map.Entry<String, ComposeFile.Service>> writers =
        compose.services().entrySet().stream()
            .filter(entry -> entry.getValue().image().startsWith("bertstream/"))
            .filter(
                entry ->
                    CliCommands.name(CliCommands.parse(entry.getValue().command()))
                        .equals("bertstream ingest token"))
            .toList();
    assertThat(writers).hasSize(1);
    String writerName = writers.get(0).getKey();
    ComposeFile.Service writer = writers.get(0).getValue();
    assertThat(CliCommands.value(CliCommands.parse(writer.command()), "--out")).hasValue(tokenFile);
    assertThat(writer.volumes()).contains(volume + ":" + directory);
    assertThat(writer.runsUntilStopped()).isFalse();
    assertThat(writer.networkMode()).as("making a token needs no network").isEqualTo("none");
    assertThat(ingest.dependsOn().get(writerName).condition())
        .isEqualTo("service_completed_successfully");
  }

  @Test
  void shouldLetTheTokenizerStreamScaleWithoutAFixedNameOrHostPort() {
    ComposeFile.Service tokenize = compose.services().get("tokenize");
    assertThat(tokenize.containerName()).isNull();
    assertThat(tokenize.ports()).isNullOrEmpty();
    assertThat(tokenize.hostname()).isNull();
  }

  @Test
  void shouldHealthCheckEveryServiceThatRunsUntilStopped() {
    compose
        .services()
        .forEach(
            (name, service) -> {
              if (service.runsUntilStopped()) {
                assertThat(service.healthcheck()).as(name + " healthcheck").isNotNull();
                assertThat(service.healthcheck().test())
                    .as(name + " healthcheck test")
                    .isNotEmpty();
              }
            });
    assertThat(compose.services().values())
        .filteredOn(ComposeFile.Service::runsUntilStopped)
        .hasSize(7);
  }

  @Test
  void shouldStartServicesOnlyAfterTheirDependenciesAreHealthyOrDone() {
    compose
        .services()
        .forEach(
            (name, service) -> {
              if (service.dependsOn() == null) {
                return;
              }
              service
                  .dependsOn()
                  .forEach(
                      (dependency, condition) -> {
                        ComposeFile.Service target = compose.services().get(dependency);
                        assertThat(target).as(name + " depends on " + dependency).isNotNull();
                        String expected =
                            target.runsUntilStopped()
                                ? "service_healthy"
                                : "service_completed_successfully";
                        assertThat(condition.condition())
                            .as(name + " -> " + dependency)
                            .isEqualTo(expected);
                      });
            });
  }

  @Test
  void shouldKeepTrainerCheckpointsOnAVolumeAndStopSlowerThanItsCheckpointInterval() {
    ComposeFile.Service train = compose.services().get("train");
    ParseResult command = CliCommands.parse(train.command());
    String checkpointDir = CliCommands.value(command, "--checkpoint-dir").orElseThrow();
    Duration interval =
        Durations.parse(CliCommands.value(command, "--checkpoint-interval").orElseThrow());

    assertThat(train.volumes()).anyMatch(volume -> volume.matches("[a-z-]+:" + checkpointDir));
    assertThat(compose.volumes())
        .containsKey(
            train.volumes().stream()
                .filter(volume -> volume.endsWith(":" + checkpointDir))
                .findFirst()
                .orElseThrow()
                .split(":")[0]);
    assertThat(interval).as("a time bound on checkpoints (0 turns it off)").isPositive();
    assertThat(Durations.parse(train.stopGracePeriod())).isGreaterThan(interval);
  }

  @Test
  void shouldCreateTheDocsTopicWithAsManyPartitionsAsTheKubernetesAutoscalerAllows() {
    ComposeFile.Service topics = compose.services().get("topics-init");
    assertThat(topics.environment()).containsEntry("DOCS_PARTITIONS", "12");
    assertThat(String.join("\n", topics.command())).contains("--if-not-exists");
  }

  @Test
  void shouldDropCapabilitiesAndPrivilegeGainInEveryBertstreamService() {
    compose
        .services()
        .forEach(
            (name, service) -> {
              if (service.image().startsWith("bertstream/")) {
                assertThat(service.capDrop()).as(name).containsExactly("ALL");
                assertThat(service.securityOpt()).as(name).contains("no-new-privileges:true");
              }
            });
  }

  @Test
  void shouldReserveAnNvidiaGpuAndTheCudaImageForTheTrainerInTheGpuOverride() throws Exception {
    ComposeFile gpu = ComposeFile.parse(repository.read(repository.docker("compose.gpu.yaml")));

    ComposeFile.Service train = gpu.services().get("train");
    assertThat(gpu.services()).containsOnlyKeys("train");
    assertThat(train.image()).startsWith("bertstream/bertstream-cuda:");
    assertThat(train.build().dockerfile()).isEqualTo("docker/Dockerfile.cuda");
    assertThat(train.deploy().resources().reservations().devices())
        .singleElement()
        .satisfies(
            device -> {
              assertThat(device.driver()).isEqualTo("nvidia");
              assertThat(device.capabilities()).contains("gpu");
            });
  }

  @Test
  void shouldRejectAComposeFileWithAMisspeltKey() {
    String yaml =
        """
        services:
          tokenize:
            image: bertstream/bertstream:0.1.0
            healtcheck:
              test: ["CMD", "true"]
        """;

    assertThatThrownBy(() -> ComposeFile.parse(yaml)).hasMessageContaining("healtcheck");
  }

  @Test
  void shouldInterpolateDefaultsAndEscapedDollarsAsComposeDoes() {
    assertThat(ComposeFile.interpolate("a ${X:-bertstream} b ${Y-z} c ${Z} d $$HOME"))
        .isEqualTo("a bertstream b z c  d $HOME");
  }
}
