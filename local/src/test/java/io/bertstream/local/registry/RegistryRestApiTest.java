package io.bertstream.local.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.local.EmbeddedStackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wire contract as curl sees it: paths, bodies, content type and Confluent error codes. */
class RegistryRestApiTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private record Reply(int status, String contentType, JsonNode body) {}

  private Reply call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(STACK.schemaRegistryUrl() + path))
            .header("Content-Type", CONTENT_TYPE)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        json.readTree(response.body()));
  }

  private String schemaBody(String schema) {
    return json.createObjectNode().put("schema", schema).toString();
  }

  @Test
  void shouldRegisterGetByIdAndListSubjectsLikeConfluent() throws Exception {
    Reply registered = call("POST", "/subjects/rest-ping-value/versions", schemaBody(SCHEMA));
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.contentType()).startsWith(CONTENT_TYPE);
    int id = registered.body().get("id").asInt();

    Reply byId = call("GET", "/schemas/ids/" + id, null);
    assertThat(json.readTree(byId.body().get("schema").asText())).isEqualTo(json.readTree(SCHEMA));

    Reply latest = call("GET", "/subjects/rest-ping-value/versions/latest", null);
    assertThat(latest.body().get("subject").asText()).isEqualTo("rest-ping-value");
    assertThat(latest.body().get("version").asInt()).isEqualTo(1);
    assertThat(latest.body().get("id").asInt()).isEqualTo(id);

    Reply subjects = call("GET", "/subjects", null);
    assertThat(subjects.body().isArray()).isTrue();
    assertThat(subjects.body().toString()).contains("\"rest-ping-value\"");

    Reply versions = call("GET", "/subjects/rest-ping-value/versions", null);
    assertThat(versions.body().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldAnswerErrorsWithConfluentErrorBodies() throws Exception {
    call("POST", "/subjects/rest-errors-value/versions", schemaBody(SCHEMA));

    assertError(call("GET", "/subjects/rest-missing/versions/latest", null), 404, 40401);
    assertError(call("GET", "/subjects/rest-errors-value/versions/7", null), 404, 40402);
    assertError(call("GET", "/schemas/ids/424242", null), 404, 40403);
    assertError(call("GET", "/subjects/rest-errors-value/versions/zero", null), 422, 42202);
    assertError(
        call("POST", "/subjects/rest-errors-value/versions", schemaBody("{\"type\":\"nope\"}")),
        422,
        42201);
    assertError(
        call("PUT", "/config/rest-errors-value", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    assertError(call("GET", "/config/rest-errors-value", null), 404, 40408);
  }

  @Test
  void shouldAnswer409WithErrorCode409ForAnIncompatibleSchema() throws Exception {
    call("POST", "/subjects/rest-compat-value/versions", schemaBody(SCHEMA));
    String changedType =
        "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"n\",\"type\":\"string\"}]}";

    Reply check =
        call(
            "POST",
            "/compatibility/subjects/rest-compat-value/versions/latest?verbose=true",
            schemaBody(changedType));
    assertThat(check.body().get("is_compatible").asBoolean()).isFalse();
    assertThat(check.body().get("messages")).isNotEmpty();

    assertError(
        call("POST", "/subjects/rest-compat-value/versions", schemaBody(changedType)), 409, 409);
  }

  @Test
  void shouldReadAndWriteGlobalConfig() throws Exception {
    assertThat(call("GET", "/config", null).body().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");

    Reply set = call("PUT", "/config/rest-config-value", "{\"compatibility\":\"full\"}");
    assertThat(set.body().get("compatibility").asText()).isEqualTo("FULL");
    assertThat(
            call("GET", "/config/rest-config-value", null)
                .body()
                .get("compatibilityLevel")
                .asText())
        .isEqualTo("FULL");
    assertThat(
            call("GET", "/config/rest-other-value?defaultToGlobal=true", null)
                .body()
                .get("compatibilityLevel")
                .asText())
        .isEqualTo("BACKWARD");
  }

  @Test
  void shouldAnswerUnknownPathsInTheRegistryErrorShape() throws Exception {
    assertError(call("GET", "/no/such/path", null), 404, 404);
    assertError(call("GET", "/subjects/rest-unknown/versions/latest", null), 404, 40401);
  }

  private static void assertError(Reply reply, int status, int errorCode) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
    assertThat(reply.body().get("error_code").asInt()).isEqualTo(errorCode);
    assertThat(reply.body().get("message").asText()).isNotBlank();
  }
}
