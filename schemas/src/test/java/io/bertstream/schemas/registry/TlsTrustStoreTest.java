package io.bertstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.bertstream.schemas.pki.TestPki;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https:// registry whose certificate, from a test CA, is trusted only through the trust store.
 */
class TlsTrustStoreTest {

  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static HttpsServer server;
  private static Path trustStore;
  private static Path caPem;

  @BeforeAll
  static void startServer() throws Exception {
    TestPki ca = TestPki.create("tls-trust-store-test-ca");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(
            ca.issueServer("registry").writePkcs12(dir.resolve("server.p12"), PASSWORD))) {
      keys.load(in, PASSWORD.toCharArray());
    }
    // The trust store holds only the CA's certificate, as an operator's would.
    trustStore = ca.writeTrustStore(dir.resolve("trust.p12"), PASSWORD);
    caPem = ca.writePem(dir.resolve("ca.pem"));

    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext(
        "/subjects",
        exchange -> {
          byte[] body = "[\"tls-value\"]".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  private static String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void shouldTrustTheRegistryThroughTheConfiguredTrustStore() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(
            Map.of(
                SchemaRegistryClientConfig.URL,
                url(),
                SchemaRegistryClientConfig.TRUSTSTORE_LOCATION,
                trustStore.toString(),
                SchemaRegistryClientConfig.TRUSTSTORE_PASSWORD,
                PASSWORD,
                SchemaRegistryClientConfig.TRUSTSTORE_TYPE,
                "PKCS12"));

    assertThat(client.subjects()).containsExactly("tls-value");
  }

  @Test
  void shouldTrustTheRegistryThroughAPemFileOfCaCertificates() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(
            Map.of(
                SchemaRegistryClientConfig.URL,
                url(),
                SchemaRegistryClientConfig.TRUSTSTORE_LOCATION,
                caPem.toString(),
                SchemaRegistryClientConfig.TRUSTSTORE_TYPE,
                "PEM"));

    assertThat(client.subjects()).containsExactly("tls-value");
  }

  @Test
  void shouldRefuseACertificateFromAnUnknownCaWithoutTheTrustStore() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(
            Map.of(
                SchemaRegistryClientConfig.URL, url(), SchemaRegistryClientConfig.MAX_RETRIES, 0));

    assertThatThrownBy(client::subjects)
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.isTlsFailure()).isTrue();
              assertThat(e.isClientError()).isTrue();
            })
        .hasCauseInstanceOf(javax.net.ssl.SSLException.class)
        .hasMessageContaining(SchemaRegistryClientConfig.TRUSTSTORE_LOCATION);
  }

  @Test
  void shouldNameAMissingTrustStore() {
    Map<String, String> config =
        Map.of(
            SchemaRegistryClientConfig.URL, url(),
            SchemaRegistryClientConfig.TRUSTSTORE_LOCATION, dir.resolve("nope.p12").toString());

    assertThatThrownBy(() -> SchemaRegistryClient.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.p12");
  }
}
