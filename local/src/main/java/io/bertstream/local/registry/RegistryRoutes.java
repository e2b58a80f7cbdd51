package io.bertstream.local.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bertstream.schemas.registry.CompatibilityLevel;
import io.bertstream.schemas.registry.SchemaRegistryException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Confluent's REST API subset, with its response bodies and error codes, over the service. */
final class RegistryRoutes {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);

  private final SchemaRegistryService service;
  private final ObjectMapper json = new ObjectMapper();

  RegistryRoutes(SchemaRegistryService service) {
    this.service = service;
  }

  void addTo(Javalin app) {
    app.get("/", ctx -> send(ctx, Map.of()));
    app.get("/schemas/types", ctx -> send(ctx, List.of("AVRO")));
    app.get(
        "/schemas/ids/{id}",
        ctx -> send(ctx, Map.of("schema", service.schemaById(id(ctx.pathParam("id"))))));
    app.get("/subjects", ctx -> send(ctx, service.subjects()));
    app.get("/subjects/{subject}/versions", ctx -> send(ctx, service.versions(subject(ctx))));
    app.post(
        "/subjects/{subject}/versions",
        ctx -> send(ctx, Map.of("id", service.register(subject(ctx), schemaOf(ctx)))));
    app.get(
        "/subjects/{subject}/versions/{version}",
        ctx -> send(ctx, body(service.version(subject(ctx), ctx.pathParam("version")))));
    app.get(
        "/subjects/{subject}/versions/{version}/schema",
        ctx ->
            ctx.contentType(CONTENT_TYPE)
                .result(service.version(subject(ctx), ctx.pathParam("version")).schema()));
    app.post(
        "/subjects/{subject}", ctx -> send(ctx, body(service.lookup(subject(ctx), schemaOf(ctx)))));
    app.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> {
          List<String> problems =
              service.checkCompatibility(subject(ctx), ctx.pathParam("version"), schemaOf(ctx));
          ObjectNode body = json.createObjectNode().put("is_compatible", problems.isEmpty());
          if ("true".equalsIgnoreCase(ctx.queryParam("verbose"))) {
            body.set("messages", json.valueToTree(problems));
          }
          send(ctx, body);
        });
    app.get(
        "/config", ctx -> send(ctx, Map.of("compatibilityLevel", service.globalLevel().name())));
    app.put(
        "/config",
        ctx -> send(ctx, Map.of("compatibility", service.setLevel(null, levelOf(ctx)).name())));
    app.get("/config/{subject}", this::subjectConfig);
    app.put(
        "/config/{subject}",
        ctx ->
            send(
                ctx, Map.of("compatibility", service.setLevel(subject(ctx), levelOf(ctx)).name())));
    // Unknown paths and methods answer in the registry's error shape too; answers the routes
    // above gave already carry the registry content type and are left alone.
    app.error(404, ctx -> generic(ctx, 404, "HTTP 404 Not Found"));
    app.error(405, ctx -> generic(ctx, 405, "HTTP 405 Method Not Allowed"));
    app.exception(
        SchemaRegistryException.class,
        (e, ctx) -> {
          if (e.status() >= 500) {
            LOG.warn("Registry request {} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
          }
          error(ctx, e.status(), e.errorCode(), e.getMessage());
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Registry request {} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, 50001, "Internal error: " + e.getMessage());
        });
  }

  private void subjectConfig(Context ctx) {
    String subject = subject(ctx);
    CompatibilityLevel level =
        service
            .subjectLevel(subject)
            .or(
                () ->
                    "true".equalsIgnoreCase(ctx.queryParam("defaultToGlobal"))
                        ? java.util.Optional.of(service.globalLevel())
                        : java.util.Optional.empty())
            .orElseThrow(
                () ->
                    new SchemaRegistryException(
                        404,
                        SchemaRegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                        "Subject '"
                            + subject
                            + "' does not have subject-level compatibility configured"));
    send(ctx, Map.of("compatibilityLevel", level.name()));
  }

  private void generic(Context ctx, int status, String message) {
    String contentType = ctx.res().getContentType();
    if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
      error(ctx, status, status, message);
    }
  }

  private static Map<String, Object> body(SchemaLogRecord.SchemaVersion version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", version.subject());
    body.put("version", version.version());
    body.put("id", version.id());
    body.put("schema", version.schema());
    return body;
  }

  private static String subject(Context ctx) {
    return ctx.pathParam("subject");
  }

  private static int id(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
    }
  }

  private String schemaOf(Context ctx) {
    JsonNode body = bodyOf(ctx);
    String type = body.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw new SchemaRegistryException(
          422, SchemaRegistryException.INVALID_SCHEMA, "Unsupported schema type " + type);
    }
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new SchemaRegistryException(
          422, SchemaRegistryException.INVALID_SCHEMA, "Request has no \"schema\" string");
    }
    return schema.asText();
  }

  private String levelOf(Context ctx) {
    return bodyOf(ctx).path("compatibility").asText("");
  }

  private JsonNode bodyOf(Context ctx) {
    try {
      JsonNode node = json.readTree(ctx.body());
      if (node == null || !node.isObject()) {
        throw new SchemaRegistryException(422, 422, "Request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new SchemaRegistryException(400, 400, "Malformed JSON: " + e.getMessage());
    }
  }

  private void send(Context ctx, Object body) {
    try {
      ctx.contentType(CONTENT_TYPE).result(json.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot encode response", e);
    }
  }

  private void error(Context ctx, int status, int errorCode, String message) {
    ObjectNode body = json.createObjectNode().put("error_code", errorCode).put("message", message);
    ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
  }
}
