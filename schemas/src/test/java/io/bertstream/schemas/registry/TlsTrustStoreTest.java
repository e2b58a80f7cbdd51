package io.bertstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https:// registry whose self-signed certificate is trusted only through the trust store. */
class TlsTrustStoreTest {

  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static HttpsServer server;
  private static Path trustStore;

  @BeforeAll
  static void startServer() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "registry",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    // The trust store holds only the server's certificate, as an operator's would.
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("registry", keys.getCertificate("registry"));
    trustStore = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, PASSWORD.toCharArray());
    }

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
  void shouldRefuseTheSelfSignedCertificateWithoutTheTrustStore() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(
            Map.of(
                SchemaRegistryClientConfig.URL, url(), SchemaRegistryClientConfig.MAX_RETRIES, 0));

    assertThatThrownBy(client::subjects)
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isZero())
        .hasCauseInstanceOf(javax.net.ssl.SSLException.class);
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

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
  }
}
