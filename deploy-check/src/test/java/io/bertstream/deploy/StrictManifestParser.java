package io.bertstream.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses rendered YAML into fabric8's typed Kubernetes model, rejecting unknown fields; KEDA's
 * ScaledObject and TriggerAuthentication, Strimzi's KafkaTopic and cert-manager's Certificate,
 * which fabric8 does not model, into this module's records with the same strictness. A kind with no
 * typed model is an error, never a generic map.
 */
final class StrictManifestParser {

  private final KubernetesSerialization kinds = new KubernetesSerialization();
  private final ObjectMapper strict = StrictMapper.create();
  private final ObjectReader documents =
      new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class);

  Manifest parse(String yaml) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    List<ScaledObject> scaledObjects = new ArrayList<>();
    List<KafkaTopic> topics = new ArrayList<>();
    List<TriggerAuthentication> triggerAuthentications = new ArrayList<>();
    List<Certificate> certificates = new ArrayList<>();
    for (JsonNode document : documents.<JsonNode>readValues(yaml).readAll()) {
      if (document == null || document.isNull() || document.isEmpty()) {
        continue;
      }
      String apiVersion = document.path("apiVersion").asText();
      String kind = document.path("kind").asText();
      String where = apiVersion + " " + kind + " " + document.path("metadata").path("name");
      try {
        switch (apiVersion + "/" + kind) {
          case "keda.sh/v1alpha1/ScaledObject" ->
              scaledObjects.add(strict.treeToValue(document, ScaledObject.class));
          case "kafka.strimzi.io/v1beta2/KafkaTopic" ->
              topics.add(strict.treeToValue(document, KafkaTopic.class));
          case "keda.sh/v1alpha1/TriggerAuthentication" ->
              triggerAuthentications.add(strict.treeToValue(document, TriggerAuthentication.class));
          case "cert-manager.io/v1/Certificate" ->
              certificates.add(strict.treeToValue(document, Certificate.class));
          default -> objects.add(typed(document, apiVersion, kind));
        }
      } catch (JsonProcessingException e) {
        throw new IOException(where + ": " + e.getOriginalMessage(), e);
      }
    }
    return new Manifest(objects, scaledObjects, topics, triggerAuthentications, certificates);
  }

  private HasMetadata typed(JsonNode document, String apiVersion, String kind)
      throws JsonProcessingException {
    Class<? extends KubernetesResource> type =
        kinds.getRegisteredKubernetesResource(apiVersion, kind);
    if (type == null
        || type == GenericKubernetesResource.class
        || !HasMetadata.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("no typed model for " + apiVersion + " " + kind);
    }
    return (HasMetadata) strict.treeToValue(document, type);
  }
}
