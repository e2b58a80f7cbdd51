package io.bertstream.local.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bertstream.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * JSON keys and values of the {@code _schemas} topic, shaped like Confluent's. Keys identify what a
 * record sets (a subject version, or a config), so compaction keeps the newest of each; their field
 * order is fixed so equal keys are equal bytes.
 */
final class SchemaLogCodec {

  private final ObjectMapper json = new ObjectMapper();

  String key(SchemaLogRecord record) {
    ObjectNode key = json.createObjectNode();
    if (record instanceof SchemaLogRecord.SchemaVersion version) {
      key.put("keytype", "SCHEMA");
      key.put("subject", version.subject());
      key.put("version", version.version());
      key.put("magic", 1);
    } else if (record instanceof SchemaLogRecord.Config config) {
      key.put("keytype", "CONFIG");
      key.put("subject", config.subject());
      key.put("magic", 0);
    }
    return key.toString();
  }

  String value(SchemaLogRecord record) {
    ObjectNode value = json.createObjectNode();
    if (record instanceof SchemaLogRecord.SchemaVersion version) {
      value.put("subject", version.subject());
      value.put("version", version.version());
      value.put("id", version.id());
      value.put("schema", version.schema());
      value.put("deleted", false);
    } else if (record instanceof SchemaLogRecord.Config config) {
      value.put("compatibilityLevel", config.level().name());
    }
    return value.toString();
  }

  /**
   * The record a key/value pair holds, or empty for tombstones and entries this registry does not
   * use.
   */
  Optional<SchemaLogRecord> decode(String key, String value) {
    if (key == null || value == null) {
      return Optional.empty();
    }
    try {
      JsonNode k = json.readTree(key);
      JsonNode v = json.readTree(value);
      switch (k.path("keytype").asText()) {
        case "SCHEMA" -> {
          if (v.path("deleted").asBoolean(false)) {
            return Optional.empty();
          }
          return Optional.of(
              new SchemaLogRecord.SchemaVersion(
                  v.path("subject").asText(),
                  v.path("version").asInt(),
                  v.path("id").asInt(),
                  v.path("schema").asText()));
        }
        case "CONFIG" -> {
          JsonNode subject = k.get("subject");
          return CompatibilityLevel.parse(v.path("compatibilityLevel").asText())
              .map(
                  level ->
                      new SchemaLogRecord.Config(
                          subject == null || subject.isNull() ? null : subject.asText(), level));
        }
        default -> {
          return Optional.empty();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Malformed _schemas record " + key, e);
    }
  }
}
