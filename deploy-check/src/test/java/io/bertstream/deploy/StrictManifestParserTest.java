package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class StrictManifestParserTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: demo
      spec:
        replicas: 2
        selector:
          matchLabels: {app: demo}
        template:
          metadata:
            labels: {app: demo}
          spec:
            containers:
              - name: demo
                image: demo:1
                %s
      """;

  private final StrictManifestParser parser = new StrictManifestParser();

  @Test
  void shouldParseAKnownKindIntoItsTypedModel() throws Exception {
    Manifest manifest = parser.parse(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent"));

    Deployment deployment = manifest.one(Deployment.class, "demo");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("demo:1");
  }

  @Test
  void shouldRejectAMisspeltFieldDeepInsideAPodTemplate() {
    String yaml = DEPLOYMENT.formatted("livenesProbe: {httpGet: {path: /health/live, port: 80}}");

    assertThatThrownBy(() -> parser.parse(yaml))
        .hasMessageContaining("apps/v1 Deployment")
        .hasMessageContaining("livenesProbe");
  }

  @Test
  void shouldRejectAValueOfTheWrongType() {
    String yaml = DEPLOYMENT.formatted("ports: [{containerPort: eighty}]");

    assertThatThrownBy(() -> parser.parse(yaml)).hasMessageContaining("apps/v1 Deployment");
  }

  @Test
  void shouldRejectAKindWithoutATypedModel() {
    String yaml =
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w
        """;

    assertThatThrownBy(() -> parser.parse(yaml)).hasMessageContaining("no typed model");
  }

  @Test
  void shouldRejectAnUnknownFieldInAScaledObject() {
    String yaml =
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata:
          name: s
        spec:
          scaleTargetRef: {name: t}
          maxReplicas: 12
        """;

    assertThatThrownBy(() -> parser.parse(yaml)).hasMessageContaining("maxReplicas");
  }

  @Test
  void shouldRejectAnUnknownFieldInAKafkaTopic() {
    String yaml =
        """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaTopic
        metadata:
          name: t
        spec:
          partitons: 12
        """;

    assertThatThrownBy(() -> parser.parse(yaml)).hasMessageContaining("partitons");
  }
}
