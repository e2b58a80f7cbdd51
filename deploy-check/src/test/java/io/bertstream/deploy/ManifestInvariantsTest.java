package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.Durations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParseResult;

/** What every rendered overlay must satisfy before anyone applies it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestInvariantsTest {

  private static final String TOKENIZER_STREAM = "bertstream-tokenizer-stream";
  private static final String TRAINER = "bertstream-trainer";
  private static final String INGESTOR = "bertstream-ingestor";
  private static final String NAMESPACE = "bertstream";

  private Map<String, Manifest> overlays;

  @BeforeAll
  void render() throws Exception {
    overlays = RenderedOverlays.renderAll(Repository.locate());
  }

  Stream<String> overlays() {
    return Repository.OVERLAYS.stream();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldGiveEveryLongRunningContainerLiveAndReadyProbesOnNamedPorts(String overlay) {
    for (Workload workload : workloads(overlay)) {
      if (!workload.longRunning()) {
        continue;
      }
      for (Container container : workload.pod().getContainers()) {
        String where = workload + " container " + container.getName();
        Set<String> portNames = new HashSet<>();
        for (ContainerPort port : container.getPorts()) {
          portNames.add(port.getName());
        }
        assertProbe(where + " liveness", container.getLivenessProbe(), "/health/live", portNames);
        assertProbe(
            where + " readiness", container.getReadinessProbe(), "/health/ready", portNames);
        if (container.getStartupProbe() != null) {
          assertProbe(where + " startup", container.getStartupProbe(), "/health/live", portNames);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldGiveEveryContainerCpuAndMemoryRequestsAndLimitsWithLimitsAboveRequests(
      String overlay) {
    for (Workload workload : workloads(overlay)) {
      for (Container container : workload.allContainers()) {
        String where = workload + " container " + container.getName();
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).as(where + " requests").containsKeys("cpu", "memory");
        assertThat(limits).as(where + " limits").containsKeys("cpu", "memory");
        for (String resource : requests.keySet()) {
          assertThat(limits).as(where + " limit for " + resource).containsKey(resource);
          assertThat(limits.get(resource).getNumericalAmount())
              .as(where + " " + resource + " limit >= request")
              .isGreaterThanOrEqualTo(requests.get(resource).getNumericalAmount());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldRunEveryContainerAsNonRootOnAReadOnlyRootWithoutPrivilegeOrCapabilities(
      String overlay) {
    for (Workload workload : workloads(overlay)) {
      PodSecurityContext pod = workload.pod().getSecurityContext();
      assertThat(pod).as(workload + " pod securityContext").isNotNull();
      assertThat(pod.getRunAsNonRoot()).as(workload + " runAsNonRoot").isTrue();
      assertThat(pod.getRunAsUser()).as(workload + " runAsUser").isNotNull().isPositive();
      assertThat(pod.getSeccompProfile().getType())
          .as(workload + " seccomp")
          .isEqualTo("RuntimeDefault");
      assertThat(workload.pod().getAutomountServiceAccountToken())
          .as(workload + " mounts no service account token")
          .isFalse();
      for (Container container : workload.allContainers()) {
        String where = workload + " container " + container.getName();
        SecurityContext security = container.getSecurityContext();
        assertThat(security).as(where + " securityContext").isNotNull();
        // Unset inherits the pod's non-root user; set, it must not be root.
        assertThat(security.getRunAsUser()).as(where + " runAsUser").isNotEqualTo(Long.valueOf(0));
        assertThat(security.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
        assertThat(security.getAllowPrivilegeEscalation())
            .as(where + " allowPrivilegeEscalation")
            .isFalse();
        assertThat(security.getReadOnlyRootFilesystem())
            .as(where + " readOnlyRootFilesystem")
            .isTrue();
        assertThat(security.getCapabilities().getDrop()).as(where + " drops").contains("ALL");
        assertThat(security.getCapabilities().getAdd()).as(where + " adds").isNullOrEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldMountOnlyVolumesThePodDeclaresAndGiveTheReadOnlyRootAWritableTmp(String overlay) {
    Manifest manifest = overlays.get(overlay);
    for (Workload workload : workloads(overlay)) {
      Set<String> volumes = new HashSet<>();
      for (Volume volume : workload.pod().getVolumes()) {
        volumes.add(volume.getName());
      }
      if (workload.kind().equals("StatefulSet")) {
        manifest
            .one(StatefulSet.class, workload.name())
            .getSpec()
            .getVolumeClaimTemplates()
            .forEach(claim -> volumes.add(claim.getMetadata().getName()));
      }
      for (Container container : workload.allContainers()) {
        List<String> mounted = new ArrayList<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
          mounted.add(mount.getMountPath());
          assertThat(volumes)
              .as(workload + " declares " + mount.getName())
              .contains(mount.getName());
        }
        assertThat(mounted).as(workload + " " + container.getName() + " mounts").contains("/tmp");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldGiveEveryBertstreamContainerAValidCommandAndOnlyEnvironmentItsFlagsRead(
      String overlay) {
    Manifest manifest = overlays.get(overlay);
    int checked = 0;
    for (Workload workload : workloads(overlay)) {
      for (Container container : workload.allContainers()) {
        if (!container.getImage().startsWith("bertstream/")) {
          continue;
        }
        String where = workload + " container " + container.getName();
        assertThat(container.getCommand())
            .as(where + " keeps the image's entrypoint")
            .isNullOrEmpty();
        ParseResult command = CliCommands.parse(container.getArgs());
        assertThat(CliCommands.unreadEnvironment(command, environmentNames(manifest, container)))
            .as(
                where
                    + ": BERTSTREAM_* variables no flag of `"
                    + CliCommands.name(command)
                    + "` reads")
            .isEmpty();
        if (workload.longRunning()) {
          int served = CliCommands.servedPort(command).orElseThrow();
          String probePort = container.getReadinessProbe().getHttpGet().getPort().getStrVal();
          assertThat(container.getPorts())
              .as(where + ": the probed port is the one the command serves on")
              .anySatisfy(
                  port -> {
                    assertThat(port.getName()).isEqualTo(probePort);
                    assertThat(port.getContainerPort()).isEqualTo(served);
                  });
        }
        checked++;
      }
    }
    assertThat(checked).as("bertstream containers").isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldScaleTheTokenizerStreamOnItsConsumerGroupWithNoMoreReplicasThanPartitions(
      String overlay) {
    Manifest manifest = overlays.get(overlay);
    Map<String, String> config = config(manifest);
    String prefix = config.get("BERTSTREAM_TOPIC_PREFIX");
    int partitions = docsPartitions(manifest, prefix);
    Deployment stream = manifest.one(Deployment.class, TOKENIZER_STREAM);

    List<HorizontalPodAutoscaler> hpas = manifest.all(HorizontalPodAutoscaler.class);
    assertThat(manifest.scaledObjects().size() + hpas.size())
        .as("exactly one autoscaler for the tokenizer-stream")
        .isEqualTo(1);
    for (ScaledObject scaled : manifest.scaledObjects()) {
      assertThat(scaled.spec().scaleTargetRef().name()).isEqualTo(stream.getMetadata().getName());
      assertThat(scaled.spec().maxReplicaCount()).isNotNull().isBetween(1, partitions);
      assertThat(scaled.spec().minReplicaCount()).isNotNull().isBetween(0, partitions);
      assertThat(scaled.spec().triggers()).hasSize(1);
      ScaledObject.Trigger trigger = scaled.spec().triggers().get(0);
      assertThat(trigger.type()).isEqualTo("kafka");
      assertThat(ScaledObject.KAFKA_TRIGGER_KEYS).containsAll(trigger.metadata().keySet());
      assertThat(trigger.metadata())
          .containsEntry("consumerGroup", prefix + "-tokenizer-stream")
          .containsEntry("topic", prefix + ".docs")
          .containsEntry("bootstrapServers", config.get("BERTSTREAM_BOOTSTRAP_SERVERS"));
    }
    for (HorizontalPodAutoscaler hpa : hpas) {
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(TOKENIZER_STREAM);
      assertThat(hpa.getSpec().getMaxReplicas()).isBetween(1, partitions);
    }
    assertThat(stream.getSpec().getReplicas()).isBetween(1, partitions);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldKeepTheTokenizerStreamAvailableAndSpreadAcrossNodes(String overlay) {
    Manifest manifest = overlays.get(overlay);
    Deployment stream = manifest.one(Deployment.class, TOKENIZER_STREAM);
    Map<String, String> podLabels = stream.getSpec().getTemplate().getMetadata().getLabels();

    PodDisruptionBudget budget = manifest.one(PodDisruptionBudget.class, TOKENIZER_STREAM);
    assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(stream.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .anySatisfy(
            spread -> {
              assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
              assertThat(podLabels)
                  .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldRunOneTrainerWithCheckpointsOnAClaimAndMoreGraceThanItsCheckpointInterval(
      String overlay) {
    StatefulSet trainer = overlays.get(overlay).one(StatefulSet.class, TRAINER);
    assertThat(trainer.getSpec().getReplicas()).isEqualTo(1);
    Container container = trainer.getSpec().getTemplate().getSpec().getContainers().get(0);
    ParseResult train = CliCommands.parse(container.getArgs());

    Duration interval =
        Durations.parse(CliCommands.value(train, "--checkpoint-interval").orElseThrow());
    assertThat(interval).as("a time bound on checkpoints (0 turns it off)").isPositive();
    long grace = trainer.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    assertThat(Duration.ofSeconds(grace)).isGreaterThan(interval);

    String checkpointDir = CliCommands.value(train, "--checkpoint-dir").orElseThrow();
    String claim = trainer.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            mount -> {
              assertThat(mount.getName()).isEqualTo(claim);
              assertThat(mount.getMountPath()).isEqualTo(checkpointDir);
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldAskForAGpuAndTheCudaImageOnlyInTheGpuOverlay(String overlay) {
    Container trainer =
        overlays
            .get(overlay)
            .one(StatefulSet.class, TRAINER)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    Map<String, Quantity> limits = trainer.getResources().getLimits();
    if (overlay.equals("gpu")) {
      assertThat(limits.get("nvidia.com/gpu")).isEqualTo(new Quantity("1"));
      assertThat(trainer.getImage()).startsWith("bertstream/bertstream-cuda:");
    } else {
      assertThat(limits).doesNotContainKey("nvidia.com/gpu");
      assertThat(trainer.getImage()).startsWith("bertstream/bertstream:");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldExposeTheIngestorAndFenceEverythingElseWithNetworkPolicies(String overlay) {
    Manifest manifest = overlays.get(overlay);
    Deployment ingestor = manifest.one(Deployment.class, INGESTOR);
    Service service = manifest.one(Service.class, INGESTOR);
    assertThat(ingestor.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts().get(0).getTargetPort())
        .isEqualTo(new IntOrString("https"));

    List<NetworkPolicy> policies = manifest.all(NetworkPolicy.class);
    assertThat(policies)
        .anySatisfy(
            policy -> {
              assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
              assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
              assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
              assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            });
    assertThat(policies)
        .anySatisfy(
            policy ->
                assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", INGESTOR));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldPutEveryObjectInTheRestrictedBertstreamNamespace(String overlay) {
    Manifest manifest = overlays.get(overlay);
    Namespace namespace = manifest.one(Namespace.class, NAMESPACE);
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    for (HasMetadata object : manifest.objects()) {
      if (!(object instanceof Namespace)) {
        assertThat(object.getMetadata().getNamespace())
            .as(object.getKind() + " " + object.getMetadata().getName())
            .isEqualTo(NAMESPACE);
      }
    }
    for (ScaledObject scaled : manifest.scaledObjects()) {
      assertThat(scaled.metadata().getNamespace()).as("ScaledObject").isEqualTo(NAMESPACE);
    }
    for (KafkaTopic topic : manifest.topics()) {
      assertThat(topic.metadata().getNamespace()).as("KafkaTopic").isEqualTo(NAMESPACE);
    }
  }

  private List<Workload> workloads(String overlay) {
    List<Workload> workloads = Workload.of(overlays.get(overlay));
    assertThat(workloads).as(overlay + " workloads").isNotEmpty();
    return workloads;
  }

  private static void assertProbe(String where, Probe probe, String path, Set<String> portNames) {
    assertThat(probe).as(where).isNotNull();
    assertThat(probe.getHttpGet()).as(where + " httpGet").isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(where + " path").isEqualTo(path);
    assertThat(portNames).as(where + " port").contains(probe.getHttpGet().getPort().getStrVal());
  }

  private static Map<String, String> config(Manifest manifest) {
    return manifest.generated(ConfigMap.class, "bertstream-config").getData();
  }

  /** Environment names a container sees: its env and every ConfigMap it imports. */
  private static List<String> environmentNames(Manifest manifest, Container container) {
    List<String> names = new ArrayList<>();
    for (EnvVar variable : container.getEnv()) {
      names.add(variable.getName());
    }
    for (EnvFromSource source : container.getEnvFrom()) {
      names.addAll(
          manifest.one(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet());
    }
    return names;
  }

  /** Partitions of {@code <prefix>.docs}: from the KafkaTopic, else from the topics Job. */
  private static int docsPartitions(Manifest manifest, String prefix) {
    for (KafkaTopic topic : manifest.topics()) {
      if (topic.topicName().equals(prefix + ".docs")) {
        return topic.spec().partitions();
      }
    }
    Job job = manifest.one(Job.class, "bertstream-topics");
    return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(variable -> variable.getName().equals("DOCS_PARTITIONS"))
        .map(variable -> Integer.parseInt(variable.getValue()))
        .findFirst()
        .orElseThrow();
  }
}
