package io.bertstream.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.schemas.pki.TestPki;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryClientConfig;
import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.testing.v1.Greeting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client against the embedded registry serving TLS and requiring credentials, with a
 * CA and certificates made when the test runs. Right credentials and certificates are served; each
 * mistake fails at once (no retry), in one line that says what to check and holds no secret, and no
 * log line holds one either.
 */
class SecuredRegistryTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  /** Every secret below contains this, so one check finds any of them in a message or a log. */
  private static final String SECRET = "s3cret";

  private static final String STORE_PASSWORD = "store-pw-s3cret";
  private static final String USER = "bertstream";
  private static final String USER_PASSWORD = "user-pw-s3cret";
  private static final String TOKEN = "token-s3cret";
  private static final Schema SCHEMA = Greeting.getClassSchema();

  /** A retry would first wait this long, and log that it does. */
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static Path trustStore;
  private static Path strangersTrustStore;
  private static TestPki.Issued client;
  private static Path clientKeyStore;
  private static Path strangersKeyStore;
  private static EmbeddedSchemaRegistry withCredentials;
  private static EmbeddedSchemaRegistry withClientCertificates;

  @BeforeAll
  static void startSecuredRegistries() {
    TestPki ca = TestPki.create("secured-registry-test-ca");
    TestPki stranger = TestPki.create("another-ca");
    Path serverKeyStore =
        ca.issueServer("registry").writePkcs12(dir.resolve("server.p12"), STORE_PASSWORD);
    trustStore = ca.writeTrustStore(dir.resolve("trust.p12"), STORE_PASSWORD);
    strangersTrustStore = stranger.writeTrustStore(dir.resolve("strangers.p12"), STORE_PASSWORD);
    client = ca.issueClient("bertstream-client");
    clientKeyStore = client.writePkcs12(dir.resolve("client.p12"), STORE_PASSWORD);
    strangersKeyStore =
        stranger.issueClient("intruder").writePkcs12(dir.resolve("intruder.p12"), STORE_PASSWORD);

    RegistrySecurity tls = RegistrySecurity.none().withTls(serverKeyStore, STORE_PASSWORD);
    withCredentials =
        EmbeddedSchemaRegistry.start(
            STACK.bootstrapServers(),
            "127.0.0.1",
            0,
            tls.withUser(USER, USER_PASSWORD).withBearerToken(TOKEN));
    withClientCertificates =
        EmbeddedSchemaRegistry.start(
            STACK.bootstrapServers(),
            "127.0.0.1",
            0,
            tls.requiringClientCertificates(trustStore, STORE_PASSWORD));
  }

  @AfterAll
  static void stopSecuredRegistries() {
    if (withCredentials != null) {
      withCredentials.close();
    }
    if (withClientCertificates != null) {
      withClientCertificates.close();
    }
  }

  @Test
  void shouldServeHttpsWithTheRightUserAndPassword() {
    SchemaRegistryClient basic =
        client(
            withCredentials,
            Map.of(
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                USER + ":" + USER_PASSWORD));

    int id = basic.register("secured-basic-value", SCHEMA);

    assertThat(withCredentials.url()).startsWith("https://");
    assertThat(basic.subjects()).contains("secured-basic-value");
    assertThat(
            client(withCredentials, Map.of("basic.auth.user.info", USER + ":" + USER_PASSWORD))
                .schemaById(id))
        .isEqualTo(SCHEMA);
  }

  @Test
  void shouldServeTheRightBearerToken() {
    SchemaRegistryClient bearer =
        client(
            withCredentials,
            Map.of("bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", TOKEN));

    int id = bearer.register("secured-bearer-value", SCHEMA);

    assertThat(bearer.latest("secured-bearer-value").id()).isEqualTo(id);
  }

  @Test
  void shouldRefuseAWrongPasswordAtOnce() {
    SchemaRegistryClient wrong =
        client(
            withCredentials,
            Map.of(
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                USER + ":wrong-" + SECRET));

    SchemaRegistryException refused =
        failsAtOnce(wrong::subjects, SchemaRegistryException.class, "HTTP 401", "basic.auth.*");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.isClientError()).isTrue();
    assertThat(refused).hasMessageContaining("sent basic auth");
  }

  @Test
  void shouldRefuseAMissingOrWrongTokenAtOnce() {
    SchemaRegistryClient none = client(withCredentials, Map.of());
    SchemaRegistryClient wrong =
        client(withCredentials, Map.of("bearer.auth.token", "wrong-token-" + SECRET));

    failsAtOnce(
        () -> none.register("secured-refused-value", SCHEMA),
        SchemaRegistryException.class,
        "HTTP 401",
        "sent no credentials",
        "bearer.auth.*");
    failsAtOnce(wrong::subjects, SchemaRegistryException.class, "HTTP 401", "sent a bearer token");
    assertThat(client(withCredentials, Map.of("bearer.auth.token", TOKEN)).subjects())
        .doesNotContain("secured-refused-value");
  }

  @Test
  void shouldServeAClientCertificateFromAKeyStore() {
    SchemaRegistryClient mutual =
        client(
            withClientCertificates,
            Map.of(
                "schema.registry.ssl.keystore.location", clientKeyStore.toString(),
                "schema.registry.ssl.keystore.password", STORE_PASSWORD,
                "schema.registry.ssl.key.password", STORE_PASSWORD));

    int id = mutual.register("secured-mtls-value", SCHEMA);

    assertThat(mutual.schemaById(id)).isEqualTo(SCHEMA);
  }

  @Test
  void shouldServeAClientCertificateFromPem() {
    Path pemFile = client.writePem(dir.resolve("client.pem"));
    SchemaRegistryClient fromFile =
        client(
            withClientCertificates,
            Map.of(
                "schema.registry.ssl.keystore.type",
                "PEM",
                "schema.registry.ssl.keystore.location",
                pemFile.toString()));
    String keyPassword = "key-pw-" + SECRET;
    SchemaRegistryClient fromText =
        client(
            withClientCertificates,
            Map.of(
                "schema.registry.ssl.keystore.key", client.encryptedKeyPem(keyPassword),
                "schema.registry.ssl.keystore.certificate.chain", client.chainPem(),
                "schema.registry.ssl.key.password", keyPassword));

    assertThat(fromFile.register("secured-pem-value", SCHEMA))
        .isEqualTo(fromText.register("secured-pem-value", SCHEMA));
  }

  @Test
  void shouldRefuseAClientWithoutACertificateAtOnce() {
    SchemaRegistryClient without = client(withClientCertificates, Map.of());

    SchemaRegistryException refused =
        failsAtOnce(
            without::subjects,
            SchemaRegistryException.class,
            "TLS with the schema registry",
            "schema.registry.ssl.keystore.location");

    assertThat(refused.isTlsFailure()).isTrue();
    assertThat(refused.isClientError()).isTrue();
  }

  @Test
  void shouldRefuseAClientCertificateFromAnotherCaAtOnce() {
    SchemaRegistryClient intruder =
        client(
            withClientCertificates,
            Map.of(
                "schema.registry.ssl.keystore.location",
                strangersKeyStore.toString(),
                "schema.registry.ssl.keystore.password",
                STORE_PASSWORD));

    failsAtOnce(
        intruder::subjects,
        SchemaRegistryException.class,
        "TLS with the schema registry",
        "schema.registry.ssl.keystore.location");
  }

  @Test
  void shouldRefuseARegistryWhoseCertificateIsNotTrustedAtOnce() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(SchemaRegistryClientConfig.URL, withCredentials.url());
    properties.put("basic.auth.user.info", USER + ":" + USER_PASSWORD);
    properties.put("schema.registry.ssl.truststore.location", strangersTrustStore.toString());
    properties.put("schema.registry.ssl.truststore.password", STORE_PASSWORD);
    properties.put(SchemaRegistryClientConfig.RETRY_BACKOFF_MS, RETRY_BACKOFF.toMillis());
    SchemaRegistryClient distrustful = SchemaRegistryClient.create(properties);

    SchemaRegistryException refused =
        failsAtOnce(
            distrustful::subjects,
            SchemaRegistryException.class,
            "TLS with the schema registry",
            "schema.registry.ssl.truststore.location");

    assertThat(refused.isTlsFailure()).isTrue();
  }

  @Test
  void shouldRefuseAWrongKeyStorePasswordBeforeAnyRequest() {
    failsAtOnce(
        () ->
            client(
                withClientCertificates,
                Map.of(
                    "schema.registry.ssl.keystore.location",
                    clientKeyStore.toString(),
                    "schema.registry.ssl.keystore.password",
                    "wrong-" + SECRET)),
        IllegalArgumentException.class,
        "client.p12",
        "schema.registry.ssl.keystore.password");
  }

  /** A client of {@code registry} that trusts the test CA, with {@code extra} settings. */
  private static SchemaRegistryClient client(
      EmbeddedSchemaRegistry registry, Map<String, String> extra) {
    Map<String, Object> properties = new HashMap<>(extra);
    properties.put(SchemaRegistryClientConfig.URL, registry.url());
    properties.put("schema.registry.ssl.truststore.location", trustStore.toString());
    properties.put("schema.registry.ssl.truststore.password", STORE_PASSWORD);
    properties.put(SchemaRegistryClientConfig.RETRY_BACKOFF_MS, RETRY_BACKOFF.toMillis());
    return SchemaRegistryClient.create(properties);
  }

  /**
   * Runs {@code call}, which must fail with {@code type} before a retry could have waited, in one
   * line naming each of {@code named}; neither the message nor any log line meanwhile holds a
   * secret, and nothing was retried.
   */
  private static <T extends RuntimeException> T failsAtOnce(
      ThrowingCallable call, Class<T> type, String... named) {
    Throwable failure;
    long started = System.nanoTime();
    try (CapturedLogs logs = new CapturedLogs()) {
      failure = catchThrowable(call);
      assertThat(logs.lines())
          .as("log lines while failing")
          .noneMatch(line -> line.contains(SECRET))
          .noneMatch(line -> line.contains("retry"));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RETRY_BACKOFF);
    assertThat(failure).isInstanceOf(type);
    assertThat(failure.getMessage())
        .contains(named)
        .doesNotContain(SECRET)
        .doesNotContain("\n")
        .doesNotContain("\r");
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
    }
    return type.cast(failure);
  }
}
