package io.bertstream.local.registry;

import io.bertstream.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the log says so far: schemas by id, versions by subject, compatibility levels. Later records
 * win, as they do after compaction. Not thread-safe.
 */
final class RegistryState {

  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, TreeMap<Integer, SchemaLogRecord.SchemaVersion>> subjects =
      new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  RegistryState(CompatibilityLevel defaultLevel) {
    this.globalLevel = defaultLevel;
  }

  void apply(SchemaLogRecord record) {
    if (record instanceof SchemaLogRecord.SchemaVersion version) {
      schemasById.put(version.id(), version.schema());
      idsBySchema.put(version.schema(), version.id());
      subjects
          .computeIfAbsent(version.subject(), s -> new TreeMap<>())
          .put(version.version(), version);
      maxId = Math.max(maxId, version.id());
    } else if (record instanceof SchemaLogRecord.Config config) {
      if (config.subject() == null) {
        globalLevel = config.level();
      } else {
        subjectLevels.put(config.subject(), config.level());
      }
    }
  }

  Optional<String> schema(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  /** The id {@code canonical} already has under any subject, else the next free one. */
  int idFor(String canonical) {
    Integer id = idsBySchema.get(canonical);
    return id != null ? id : maxId + 1;
  }

  List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  /** Versions of {@code subject}, oldest first; empty when the subject is unknown. */
  List<SchemaLogRecord.SchemaVersion> versions(String subject) {
    TreeMap<Integer, SchemaLogRecord.SchemaVersion> versions = subjects.get(subject);
    return versions == null ? List.of() : new ArrayList<>(versions.values());
  }

  Optional<SchemaLogRecord.SchemaVersion> find(String subject, String canonical) {
    return versions(subject).stream().filter(v -> v.schema().equals(canonical)).findFirst();
  }

  CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevel(subject).orElse(globalLevel);
  }
}
