package io.bertstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Thing").namespace("t").fields().requiredString("name").endRecord();

  private final StubRegistry stub;

  RestSchemaRegistryClientTest() throws IOException {
    stub = new StubRegistry();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private SchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>(extra);
    props.putIfAbsent(SchemaRegistryClientConfig.URL, stub.url());
    props.put(SchemaRegistryClientConfig.RETRY_BACKOFF_MS, 1);
    return SchemaRegistryClient.create(props);
  }

  @Test
  void shouldRegisterOnceAndAnswerRepeatsFromCache() {
    stub.answer(200, "{\"id\":42}");
    SchemaRegistryClient client = client(Map.of());

    assertThat(client.register("docs-value", SCHEMA)).isEqualTo(42);
    assertThat(client.register("docs-value", SCHEMA)).isEqualTo(42);
    assertThat(client.schemaById(42)).isEqualTo(SCHEMA);

    assertThat(stub.requests).hasSize(1);
    StubRegistry.Request request = stub.requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/subjects/docs-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).isEqualTo("{\"schema\":" + quoted(SCHEMA.toString()) + "}");
  }

  @Test
  void shouldFetchSchemaByIdOnce() {
    stub.answer(200, "{\"schema\":" + quoted(SCHEMA.toString()) + "}");
    SchemaRegistryClient client = client(Map.of());

    assertThat(client.schemaById(3)).isEqualTo(SCHEMA);
    assertThat(client.schemaById(3)).isEqualTo(SCHEMA);

    assertThat(stub.requests)
        .extracting(StubRegistry.Request::rawPath)
        .containsExactly("/schemas/ids/3");
  }

  @Test
  void shouldCarryRegistryErrorCodeAndNotRetryOn4xx() {
    stub.answer(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");
    SchemaRegistryClient client = client(Map.of());

    assertThatThrownBy(() -> client.latest("x"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
              assertThat(e.isClientError()).isTrue();
            })
        .hasMessageContaining("Subject 'x' not found.");
    assertThat(stub.requests).hasSize(1);
  }

  @Test
  void shouldReportIncompatibleSchemaAs409() {
    stub.answer(
        409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
    SchemaRegistryClient client = client(Map.of());

    assertThatThrownBy(() -> client.register("docs-value", SCHEMA))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409));
  }

  @Test
  void shouldRetryServerErrorsThenSucceed() {
    stub.answer(500, "{\"error_code\":50001,\"message\":\"store\"}")
        .answer(503, "unavailable")
        .answer(200, "{\"id\":1}");
    SchemaRegistryClient client = client(Map.of());

    assertThat(client.register("s", SCHEMA)).isEqualTo(1);
    assertThat(stub.requests).hasSize(3);
  }

  @Test
  void shouldGiveUpAfterMaxRetries() {
    stub.answer(503, "{\"error_code\":50003,\"message\":\"down\"}");
    SchemaRegistryClient client = client(Map.of(SchemaRegistryClientConfig.MAX_RETRIES, "2"));

    assertThatThrownBy(() -> client.subjects())
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.errorCode()).isEqualTo(50003);
            });
    assertThat(stub.requests).hasSize(3);
  }

  @Test
  void shouldFailOverWhenFirstUrlRefusesConnections() throws IOException {
    stub.answer(200, "[\"a-value\",\"b-value\"]");
    SchemaRegistryClient client =
        client(
            Map.of(
                SchemaRegistryClientConfig.URL,
                "http://127.0.0.1:" + closedPort() + "," + stub.url()));

    assertThat(client.subjects()).containsExactly("a-value", "b-value");
  }

  @Test
  void shouldReportUnreachableRegistryWithStatusZero() throws IOException {
    SchemaRegistryClient client =
        client(
            Map.of(
                SchemaRegistryClientConfig.URL,
                "http://127.0.0.1:" + closedPort(),
                SchemaRegistryClientConfig.MAX_RETRIES,
                1));

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isZero())
        .hasMessageContaining("unreachable");
  }

  @Test
  void shouldSendBasicAuthFromUserInfo() {
    stub.answer(200, "[]");
    SchemaRegistryClient client =
        client(
            Map.of(
                SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:s3cret"));

    client.subjects();

    assertThat(stub.requests.get(0).authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldSendAStaticBearerToken() {
    stub.answer(200, "[]");
    SchemaRegistryClient client =
        client(
            Map.of(
                SchemaRegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN",
                SchemaRegistryClientConfig.BEARER_AUTH_TOKEN, "tok-s3cret"));

    client.subjects();

    assertThat(stub.requests.get(0).authorization()).isEqualTo("Bearer tok-s3cret");
  }

  @Test
  void shouldSayWhatWasSentWhenRefusedAndNotRetry() {
    stub.answer(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
    SchemaRegistryClient client =
        client(Map.of(SchemaRegistryClientConfig.BEARER_AUTH_TOKEN, "tok-s3cret"));

    assertThatThrownBy(client::subjects)
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isClientError()).isTrue())
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("sent a bearer token")
        .hasMessageContaining("bearer.auth.*")
        .hasMessageNotContaining("s3cret");
    assertThat(stub.requests).hasSize(1);
  }

  @Test
  void shouldPercentEncodeSubjectInPath() {
    stub.answer(
        200,
        "{\"subject\":\"a b/c\",\"version\":2,\"id\":9,\"schema\":"
            + quoted(SCHEMA.toString())
            + "}");
    SchemaRegistryClient client = client(Map.of());

    RegisteredSchema latest = client.latest("a b/c");

    assertThat(latest).isEqualTo(new RegisteredSchema("a b/c", 2, 9, SCHEMA));
    assertThat(stub.requests.get(0).rawPath()).isEqualTo("/subjects/a%20b%2Fc/versions/latest");
  }

  @Test
  void shouldReadAndWriteCompatibilityConfig() {
    stub.answer(200, "{\"compatibilityLevel\":\"FULL\"}")
        .answer(200, "{\"compatibility\":\"NONE\"}")
        .answer(404, "{\"error_code\":40408,\"message\":\"not configured\"}");
    SchemaRegistryClient client = client(Map.of());

    assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FULL);
    client.setCompatibility("s", CompatibilityLevel.NONE);
    assertThat(client.compatibility("s")).isEmpty();

    assertThat(stub.requests)
        .extracting(StubRegistry.Request::method, StubRegistry.Request::rawPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GET", "/config"),
            org.assertj.core.groups.Tuple.tuple("PUT", "/config/s"),
            org.assertj.core.groups.Tuple.tuple("GET", "/config/s"));
    assertThat(stub.requests.get(1).body()).isEqualTo("{\"compatibility\":\"NONE\"}");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
