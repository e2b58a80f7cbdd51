package io.bertstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over HTTP. Schema ids never change once assigned, so id → schema and
 * (subject, schema) → id are cached for the life of the client; subject listings, latest versions
 * and configuration are always fetched.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  private final RegistryHttp http;
  private final ConcurrentHashMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SubjectSchema, Integer> idsBySchema = new ConcurrentHashMap<>();

  public RestSchemaRegistryClient(SchemaRegistryClientConfig config) {
    this.http = new RegistryHttp(config, new ObjectMapper());
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode response =
        http.post(
            "/subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
    int id = requiredInt(response, "id");
    remember(key, id);
    return id;
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    JsonNode response =
        http.post("/subjects/" + encode(subject), Map.of("schema", schema.toString()));
    RegisteredSchema found = registered(response, subject);
    remember(new SubjectSchema(subject, schema), found.id());
    return found;
  }

  @Override
  public int idOf(String subject, Schema schema) {
    Integer cached = idsBySchema.get(new SubjectSchema(subject, schema));
    return cached != null ? cached : lookup(subject, schema).id();
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode response = http.get("/schemas/ids/" + id);
    Schema schema = parse(response);
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return registered(http.get("/subjects/" + encode(subject) + "/versions/latest"), subject);
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    http.get("/subjects").forEach(node -> subjects.add(node.asText()));
    return List.copyOf(subjects);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    JsonNode response =
        http.post(
            "/compatibility/subjects/" + encode(subject) + "/versions/latest",
            Map.of("schema", schema.toString()));
    return response.path("is_compatible").asBoolean(false);
  }

  @Override
  public CompatibilityLevel compatibility() {
    return level(http.get("/config"));
  }

  @Override
  public Optional<CompatibilityLevel> compatibility(String subject) {
    try {
      return Optional.of(level(http.get("/config/" + encode(subject))));
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED
          || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void setCompatibility(CompatibilityLevel level) {
    http.put("/config", Map.of("compatibility", level.name()));
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    http.put("/config/" + encode(subject), Map.of("compatibility", level.name()));
  }

  private void remember(SubjectSchema key, int id) {
    idsBySchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, key.schema());
  }

  private RegisteredSchema registered(JsonNode response, String subject) {
    int id = requiredInt(response, "id");
    Schema schema = schemasById.computeIfAbsent(id, ignored -> parse(response));
    return new RegisteredSchema(
        response.path("subject").asText(subject), requiredInt(response, "version"), id, schema);
  }

  private static CompatibilityLevel level(JsonNode response) {
    // Confluent answers GET with compatibilityLevel and PUT with compatibility.
    String text =
        response.path("compatibilityLevel").asText(response.path("compatibility").asText());
    return CompatibilityLevel.parse(text)
        .orElseThrow(
            () ->
                new SchemaRegistryException(
                    200,
                    SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    "Unknown compatibility level in registry response: " + text));
  }

  private static Schema parse(JsonNode response) {
    JsonNode schema = response.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new SchemaRegistryException(
          200, SchemaRegistryException.INVALID_SCHEMA, "Registry response has no schema");
    }
    return new Schema.Parser().parse(schema.asText());
  }

  private static int requiredInt(JsonNode response, String field) {
    JsonNode value = response.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException(
          200, 0, "Registry response lacks '" + field + "': " + response);
    }
    return value.asInt();
  }

  /** Percent-encodes one path segment (URLEncoder is for forms: it writes a space as '+'). */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, Schema schema) {}
}
