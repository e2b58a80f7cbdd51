package io.bertstream.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** KEDA's {@code keda.sh/v1alpha1 ScaledObject}, the fields this project may use. */
record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  /** The metadata keys KEDA's kafka scaler reads; any other key is a typo. */
  static final Set<String> KAFKA_TRIGGER_KEYS =
      Set.of(
          "bootstrapServers",
          "consumerGroup",
          "topic",
          "lagThreshold",
          "activationLagThreshold",
          "offsetResetPolicy",
          "allowIdleConsumers",
          "excludePersistentLag",
          "scaleToZeroOnInvalidOffset",
          "limitToPartitionsWithLag",
          "ensureEvenDistributionOfPartitions",
          "partitionLimitation",
          "version",
          "sasl",
          "tls");

  record Spec(
      ScaleTargetRef scaleTargetRef,
      Integer pollingInterval,
      Integer cooldownPeriod,
      Integer idleReplicaCount,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      List<Trigger> triggers) {}

  record ScaleTargetRef(
      String apiVersion, String kind, String name, String envSourceContainerName) {}

  record Trigger(
      String type,
      String name,
      String metricType,
      Boolean useCachedMetrics,
      Map<String, String> metadata,
      AuthenticationRef authenticationRef) {}

  record AuthenticationRef(String name, String kind) {}
}
