package io.bertstream.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.NoSuchElementException;

/** One rendered overlay, every object typed. */
record Manifest(
    List<HasMetadata> objects,
    List<ScaledObject> scaledObjects,
    List<KafkaTopic> topics,
    List<TriggerAuthentication> triggerAuthentications,
    List<Certificate> certificates) {

  Manifest {
    objects = List.copyOf(objects);
    scaledObjects = List.copyOf(scaledObjects);
    topics = List.copyOf(topics);
    triggerAuthentications = List.copyOf(triggerAuthentications);
    certificates = List.copyOf(certificates);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).stream()
        .filter(object -> object.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("no " + type.getSimpleName() + " named " + name));
  }

  /** A generated object (kustomize adds a content hash): the one whose name starts so. */
  <T extends HasMetadata> T generated(Class<T> type, String namePrefix) {
    List<T> matches =
        all(type).stream()
            .filter(object -> object.getMetadata().getName().startsWith(namePrefix + "-"))
            .toList();
    if (matches.size() != 1) {
      throw new NoSuchElementException(
          matches.size() + " " + type.getSimpleName() + "s named " + namePrefix + "-<hash>");
    }
    return matches.get(0);
  }
}
