package io.bertstream.local.registry;

import io.bertstream.schemas.registry.CompatibilityLevel;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The registry's rules over its log: stable global ids (one id per canonical schema, whatever the
 * subject), versions per subject, and compatibility checked with Avro's own {@link
 * SchemaCompatibility}. Every write first reads the log to its end (to see other processes'
 * writes), then appends and reads back before answering; calls are serialized, so one process never
 * hands out an id twice.
 */
final class SchemaRegistryService implements AutoCloseable {

  private final SchemaLog log;
  private final RegistryState state;

  SchemaRegistryService(SchemaLog log, CompatibilityLevel defaultLevel) {
    this.log = log;
    this.state = new RegistryState(defaultLevel);
    log.readToEnd(state::apply);
  }

  /**
   * A service over the compacted {@code _schemas} topic of the cluster {@code kafkaConfig} names,
   * replayed before this returns.
   */
  static SchemaRegistryService onKafka(Map<String, ?> kafkaConfig) {
    return new SchemaRegistryService(
        new KafkaSchemaLog(kafkaConfig, KafkaSchemaLog.TOPIC), CompatibilityLevel.BACKWARD);
  }

  /** Registers {@code schemaText} under {@code subject}; the same schema again returns its id. */
  synchronized int register(String subject, String schemaText) {
    String canonical = parse(schemaText).toString();
    log.readToEnd(state::apply);
    Optional<SchemaLogRecord.SchemaVersion> existing = state.find(subject, canonical);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    List<String> problems = incompatibilities(subject, parse(canonical), state.versions(subject));
    if (!problems.isEmpty()) {
      throw new SchemaRegistryException(
          409,
          SchemaRegistryException.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\", details: "
              + problems);
    }
    List<SchemaLogRecord.SchemaVersion> versions = state.versions(subject);
    int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    log.append(
        new SchemaLogRecord.SchemaVersion(subject, version, state.idFor(canonical), canonical));
    log.readToEnd(state::apply);
    return state
        .find(subject, canonical)
        .orElseThrow(() -> storeError("registration of " + subject + " was not read back"))
        .id();
  }

  /** The version of {@code subject} holding {@code schemaText}. */
  synchronized SchemaLogRecord.SchemaVersion lookup(String subject, String schemaText) {
    String canonical = parse(schemaText).toString();
    log.readToEnd(state::apply);
    requireSubject(subject);
    return state
        .find(subject, canonical)
        .orElseThrow(
            () ->
                new SchemaRegistryException(
                    404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
  }

  synchronized String schemaById(int id) {
    Optional<String> schema = state.schema(id);
    if (schema.isEmpty()) {
      // Another process may have registered it since.
      log.readToEnd(state::apply);
      schema = state.schema(id);
    }
    return schema.orElseThrow(
        () ->
            new SchemaRegistryException(
                404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
  }

  synchronized List<String> subjects() {
    log.readToEnd(state::apply);
    return state.subjects();
  }

  synchronized List<Integer> versions(String subject) {
    log.readToEnd(state::apply);
    return requireSubject(subject).stream().map(SchemaLogRecord.SchemaVersion::version).toList();
  }

  /** Version {@code versionSpec} ("latest", -1 or a number) of {@code subject}. */
  synchronized SchemaLogRecord.SchemaVersion version(String subject, String versionSpec) {
    log.readToEnd(state::apply);
    return resolve(subject, versionSpec);
  }

  /**
   * The reasons {@code schemaText} could not follow version {@code versionSpec} of {@code subject}
   * under the subject's compatibility level; empty when it could.
   */
  synchronized List<String> checkCompatibility(
      String subject, String versionSpec, String schemaText) {
    Schema candidate = parse(schemaText);
    log.readToEnd(state::apply);
    List<SchemaLogRecord.SchemaVersion> against =
        state.effectiveLevel(subject).isTransitive() && isLatest(versionSpec)
            ? requireSubject(subject)
            : List.of(resolve(subject, versionSpec));
    return check(state.effectiveLevel(subject), candidate, against);
  }

  synchronized CompatibilityLevel globalLevel() {
    log.readToEnd(state::apply);
    return state.globalLevel();
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    log.readToEnd(state::apply);
    return state.subjectLevel(subject);
  }

  /** Sets the level of {@code subject}, or the global one when {@code subject} is null. */
  synchronized CompatibilityLevel setLevel(String subject, String levelText) {
    CompatibilityLevel level =
        CompatibilityLevel.parse(levelText)
            .orElseThrow(
                () ->
                    new SchemaRegistryException(
                        422,
                        SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                        "Invalid compatibility level: " + levelText));
    log.append(new SchemaLogRecord.Config(subject, level));
    log.readToEnd(state::apply);
    return level;
  }

  @Override
  public void close() {
    log.close();
  }

  private List<String> incompatibilities(
      String subject, Schema candidate, List<SchemaLogRecord.SchemaVersion> versions) {
    if (versions.isEmpty()) {
      return List.of();
    }
    CompatibilityLevel level = state.effectiveLevel(subject);
    List<SchemaLogRecord.SchemaVersion> against =
        level.isTransitive() ? versions : List.of(versions.get(versions.size() - 1));
    return check(level, candidate, against);
  }

  private static List<String> check(
      CompatibilityLevel level, Schema candidate, List<SchemaLogRecord.SchemaVersion> against) {
    List<String> problems = new ArrayList<>();
    for (SchemaLogRecord.SchemaVersion version : against) {
      Schema earlier = parse(version.schema());
      if (level.checksBackward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier),
            "new schema cannot read version " + version.version(),
            problems);
      }
      if (level.checksForward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate),
            "version " + version.version() + " cannot read the new schema",
            problems);
      }
    }
    return problems;
  }

  private static void describe(SchemaPairCompatibility result, String what, List<String> problems) {
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result
          .getResult()
          .getIncompatibilities()
          .forEach(
              i ->
                  problems.add(
                      what
                          + ": "
                          + i.getType()
                          + " at "
                          + i.getLocation()
                          + " ("
                          + i.getMessage()
                          + ")"));
    }
  }

  private SchemaLogRecord.SchemaVersion resolve(String subject, String versionSpec) {
    List<SchemaLogRecord.SchemaVersion> versions = requireSubject(subject);
    if (isLatest(versionSpec)) {
      return versions.get(versions.size() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(versionSpec);
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number <= 0) {
      throw new SchemaRegistryException(
          422,
          SchemaRegistryException.INVALID_VERSION,
          "The specified version '"
              + versionSpec
              + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
              + " \"latest\"");
    }
    int wanted = number;
    return versions.stream()
        .filter(v -> v.version() == wanted)
        .findFirst()
        .orElseThrow(
            () ->
                new SchemaRegistryException(
                    404,
                    SchemaRegistryException.VERSION_NOT_FOUND,
                    "Version " + wanted + " not found."));
  }

  private List<SchemaLogRecord.SchemaVersion> requireSubject(String subject) {
    List<SchemaLogRecord.SchemaVersion> versions = state.versions(subject);
    if (versions.isEmpty()) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  private static boolean isLatest(String versionSpec) {
    return "latest".equals(versionSpec) || "-1".equals(versionSpec);
  }

  private static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw new SchemaRegistryException(
          422, SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: empty");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (RuntimeException e) {
      throw new SchemaRegistryException(
          422, SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
    }
  }

  private static SchemaRegistryException storeError(String message) {
    return new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR, message);
  }
}
