package io.bertstream.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/** Strimzi's {@code kafka.strimzi.io/v1beta2 KafkaTopic}. */
record KafkaTopic(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  record Spec(String topicName, Integer partitions, Integer replicas, Map<String, Object> config) {}

  /** The Kafka topic's name: spec.topicName, or the resource name when absent. */
  String topicName() {
    return spec.topicName() != null ? spec.topicName() : metadata.getName();
  }
}
