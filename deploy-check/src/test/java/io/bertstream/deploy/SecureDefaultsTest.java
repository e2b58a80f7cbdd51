package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParseResult;

/**
 * What keeps every rendered overlay secure by default: the ingestor publishes nothing without the
 * bearer token and speaks only TLS, both from Secrets it cannot start without; its port is open
 * only to labelled clients and monitoring; no credential is committed; KEDA authenticates where
 * Kafka wants it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureDefaultsTest {

  private static final String INGESTOR = "bertstream-ingestor";
  private static final String SECURED = "secured";
  private static final String INGEST_CLIENT_LABEL = "bertstream.io/ingest-client";
  private static final Set<String> EVERY_ADDRESS = Set.of("0.0.0.0/0", "::/0");

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
  void shouldRunTheIngestorWithATokenAndACertificateFromSecretsItCannotStartWithout(
      String overlay) {
    PodSpec pod = ingestor(overlay).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    ParseResult serve = CliCommands.parse(container.getArgs());
    assertThat(CliCommands.name(serve)).isEqualTo("bertstream ingest serve");

    for (String flag : List.of("--auth-token-file", "--tls-cert", "--tls-key")) {
      String file =
          CliCommands.value(serve, flag).orElseThrow(() -> new AssertionError(flag + " missing"));
      Volume volume = volumeHolding(pod, container, file);
      assertThat(volume.getSecret()).as(flag + " " + file + " comes from a Secret").isNotNull();
      assertThat(volume.getSecret().getOptional())
          .as(flag + ": without the Secret the pod must not start")
          .isNotEqualTo(Boolean.TRUE);
    }
    for (Probe probe :
        List.of(
            container.getStartupProbe(),
            container.getLivenessProbe(),
            container.getReadinessProbe())) {
      assertThat(probe.getHttpGet().getScheme()).as("probes speak TLS").isEqualTo("HTTPS");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldOpenTheIngestPortOnlyToLabelledClientsAndMonitoring(String overlay) {
    Manifest manifest = overlays.get(overlay);
    Deployment ingestor = ingestor(overlay);
    Map<String, String> podLabels = ingestor.getSpec().getTemplate().getMetadata().getLabels();
    Container container = ingestor.getSpec().getTemplate().getSpec().getContainers().get(0);
    int port = CliCommands.servedPort(CliCommands.parse(container.getArgs())).orElseThrow();
    String portName = container.getPorts().get(0).getName();

    List<NetworkPolicyPeer> allowed = new ArrayList<>();
    int rules = 0;
    for (NetworkPolicy policy : manifest.all(NetworkPolicy.class)) {
      if (!selects(policy.getSpec().getPodSelector(), podLabels)
          || !policy.getSpec().getPolicyTypes().contains("Ingress")
          || policy.getSpec().getIngress() == null) {
        continue;
      }
      for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
        if (!covers(rule, port, portName)) {
          continue;
        }
        String where = policy.getMetadata().getName() + ": a rule for port " + port;
        assertThat(rule.getFrom()).as(where + " without `from` admits every source").isNotEmpty();
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          assertThat(admitsEveryone(peer)).as(where + " admits every source: " + peer).isFalse();
        }
        allowed.addAll(rule.getFrom());
        rules++;
      }
    }
    assertThat(rules).as("some policy lets clients in at all").isPositive();
    assertThat(allowed)
        .as("pods labelled " + INGEST_CLIENT_LABEL + " in any namespace")
        .anySatisfy(
            peer -> {
              assertThat(peer.getPodSelector()).isNotNull();
              assertThat(peer.getPodSelector().getMatchLabels())
                  .containsEntry(INGEST_CLIENT_LABEL, "true");
            });
    assertThat(allowed)
        .as("Prometheus in the monitoring namespace")
        .anySatisfy(
            peer -> {
              assertThat(peer.getNamespaceSelector()).isNotNull();
              assertThat(peer.getNamespaceSelector().getMatchLabels())
                  .containsEntry("kubernetes.io/metadata.name", "monitoring");
            });
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldCommitNoSecretAndResolveEveryTriggerAuthentication(String overlay) {
    Manifest manifest = overlays.get(overlay);

    assertThat(manifest.all(Secret.class))
        .as("credentials are created in the cluster, never rendered from the repository")
        .isEmpty();
    Set<String> authentications =
        manifest.triggerAuthentications().stream()
            .map(authentication -> authentication.metadata().getName())
            .collect(Collectors.toSet());
    for (ScaledObject scaled : manifest.scaledObjects()) {
      for (ScaledObject.Trigger trigger : scaled.spec().triggers()) {
        if (trigger.authenticationRef() != null) {
          assertThat(authentications).contains(trigger.authenticationRef().name());
        }
      }
    }
  }

  @Test
  void shouldAuthenticateKedaToKafkaFromASecretInTheSecuredOverlay() {
    Manifest manifest = overlays.get(SECURED);
    ScaledObject.Trigger trigger =
        manifest.scaledObjects().get(0).spec().triggers().stream().findFirst().orElseThrow();

    ScaledObject.AuthenticationRef reference = trigger.authenticationRef();
    assertThat(reference).as("the kafka trigger's authenticationRef").isNotNull();
    assertThat(reference.kind()).isIn(null, "TriggerAuthentication");
    TriggerAuthentication authentication =
        manifest.triggerAuthentications().stream()
            .filter(candidate -> candidate.metadata().getName().equals(reference.name()))
            .findFirst()
            .orElseThrow();
    List<TriggerAuthentication.SecretTargetRef> references =
        authentication.spec().secretTargetRef();
    Set<String> parameters =
        references.stream()
            .map(TriggerAuthentication.SecretTargetRef::parameter)
            .collect(Collectors.toSet());
    assertThat(TriggerAuthentication.KAFKA_PARAMETERS).containsAll(parameters);
    assertThat(parameters).contains("sasl", "username", "password", "tls");
    assertThat(references)
        .extracting(TriggerAuthentication.SecretTargetRef::name)
        .containsOnly("bertstream-keda-kafka");
  }

  @Test
  void shouldIssueTheIngestorsCertificateIntoTheSecretItMountsInTheSecuredOverlay() {
    Manifest manifest = overlays.get(SECURED);
    PodSpec pod = ingestor(SECURED).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    String certificateFile =
        CliCommands.value(CliCommands.parse(container.getArgs()), "--tls-cert").orElseThrow();
    String mounted = volumeHolding(pod, container, certificateFile).getSecret().getSecretName();

    assertThat(manifest.certificates())
        .singleElement()
        .satisfies(
            certificate -> {
              assertThat(certificate.spec().secretName()).isEqualTo(mounted);
              assertThat(certificate.spec().privateKey().encoding())
                  .as("ingest serve reads PKCS#8 keys")
                  .isEqualTo("PKCS8");
              assertThat(certificate.spec().dnsNames())
                  .contains(INGESTOR + "." + certificate.metadata().getNamespace() + ".svc");
            });
  }

  private Deployment ingestor(String overlay) {
    return overlays.get(overlay).one(Deployment.class, INGESTOR);
  }

  /** The volume whose mount in {@code container} holds {@code file}. */
  private static Volume volumeHolding(PodSpec pod, Container container, String file) {
    VolumeMount mount =
        container.getVolumeMounts().stream()
            .filter(candidate -> file.startsWith(candidate.getMountPath() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume holds " + file));
    return pod.getVolumes().stream()
        .filter(volume -> volume.getName().equals(mount.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume named " + mount.getName()));
  }

  /** Whether a NetworkPolicy's podSelector picks pods with {@code labels} ({} picks all). */
  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (selector.getMatchLabels() != null
        && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
      return false;
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        String value = labels.get(requirement.getKey());
        boolean matches =
            switch (requirement.getOperator()) {
              case "In" -> value != null && requirement.getValues().contains(value);
              case "NotIn" -> value == null || !requirement.getValues().contains(value);
              case "Exists" -> value != null;
              case "DoesNotExist" -> value == null;
              default -> throw new AssertionError("operator " + requirement.getOperator());
            };
        if (!matches) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether {@code rule} applies to the port (no ports listed: every port). */
  private static boolean covers(NetworkPolicyIngressRule rule, int port, String portName) {
    if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
      return true;
    }
    for (NetworkPolicyPort candidate : rule.getPorts()) {
      IntOrString value = candidate.getPort();
      if (value == null) {
        return true;
      }
      if (value.getIntVal() != null) {
        int end = candidate.getEndPort() != null ? candidate.getEndPort() : value.getIntVal();
        if (port >= value.getIntVal() && port <= end) {
          return true;
        }
      } else if (portName.equals(value.getStrVal())) {
        return true;
      }
    }
    return false;
  }

  /** A peer that any pod or address matches: every namespace with no pod filter, or 0.0.0.0/0. */
  private static boolean admitsEveryone(NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      return EVERY_ADDRESS.contains(peer.getIpBlock().getCidr());
    }
    return isEmpty(peer.getNamespaceSelector())
        && peer.getNamespaceSelector() != null
        && isEmpty(peer.getPodSelector());
  }

  private static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
            && (selector.getMatchExpressions() == null
                || selector.getMatchExpressions().isEmpty()));
  }
}
