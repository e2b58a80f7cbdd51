package io.bertstream.ingestor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.KafkaIngest;
import io.bertstream.ingestor.TopicContents;
import io.bertstream.ingestor.http.tls.TlsClients;
import io.bertstream.ingestor.http.tls.TlsSettings;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topics;
import io.bertstream.schemas.pki.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest serve} over HTTPS against the embedded broker, with a CA made when the test runs: a
 * client that trusts the CA publishes with the token; one that does not, or that speaks plain HTTP,
 * gets no further than the handshake and publishes nothing.
 */
class IngestServerTlsTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final String TOKEN = "tls-test-token";
  private static final String STORE_PASSWORD = "store-pw-s3cret";
  private static final TestPki CA = TestPki.create("ingest-tls-test-ca");
  private static final TestPki STRANGER = TestPki.create("another-ca");

  @TempDir static Path dir;
  private static TlsSettings.Pem pem;

  @BeforeAll
  static void writeServerCertificate() throws IOException {
    TestPki.Issued server = CA.issueServer("ingest");
    pem =
        new TlsSettings.Pem(
            Files.writeString(dir.resolve("tls.crt"), server.chainPem()),
            Files.writeString(dir.resolve("tls.key"), server.keyPem()));
  }

  private static ServeConfig config(TlsSettings tls) {
    return ServeConfig.defaults().withAddress("127.0.0.1", 0).withAuthToken(TOKEN).withTls(tls);
  }

  private static HttpRequest post(String scheme, int port, String text, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/documents"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(text));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  private static HttpRequest get(int port, String path) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).build();
  }

  private static List<String> texts(KafkaConnection connection) {
    return TopicContents.readAll(connection, Topics.create(connection).docs()).stream()
        .map(ConsumerRecord::value)
        .map(RawDocument::getText)
        .toList();
  }

  @Test
  void shouldServeAClientThatTrustsTheCaAndPublishOnlyWithTheToken() throws Exception {
    KafkaConnection connection = STACK.connection("tls-trusted");
    HttpClient trusting = TlsClients.trusting(CA.certificate());
    try (KafkaIngest.Serving server = KafkaIngest.serve(config(pem), connection)) {
      int port = server.port();
      HttpResponse<String> withToken =
          trusting.send(
              post("https", port, "over tls", TOKEN), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> withoutToken =
          trusting.send(
              post("https", port, "no token", null), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> ready =
          trusting.send(get(port, "/health/ready"), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> metrics =
          trusting.send(get(port, "/metrics"), HttpResponse.BodyHandlers.ofString());

      assertThat(server.url("127.0.0.1")).isEqualTo("https://127.0.0.1:" + port + "/documents");
      assertThat(withToken.statusCode()).isEqualTo(200);
      assertThat(withToken.sslSession()).isPresent();
      assertThat(withoutToken.statusCode()).isEqualTo(401);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("bertstream_ingest_documents_published_total 1.0");
      assertThat(texts(connection)).containsExactly("over tls");
    }
  }

  @Test
  void shouldFailTheHandshakeOfAClientThatDoesNotTrustTheCaAndRefusePlainHttp() throws Exception {
    KafkaConnection connection = STACK.connection("tls-refused");
    try (KafkaIngest.Serving server = KafkaIngest.serve(config(pem), connection)) {
      int port = server.port();
      Throwable stranger =
          catchThrowable(
              () ->
                  TlsClients.trusting(STRANGER.certificate())
                      .send(
                          post("https", port, "from a stranger", TOKEN),
                          HttpResponse.BodyHandlers.ofString()));
      Throwable plain =
          catchThrowable(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          post("http", port, "in plain text", TOKEN),
                          HttpResponse.BodyHandlers.ofString()));

      assertThat(stranger).isInstanceOf(SSLHandshakeException.class);
      assertThat(plain).isInstanceOf(IOException.class);
      assertThat(texts(connection)).isEmpty();
    }
  }

  @Test
  void shouldServeTheKeyAndChainOfAKeystore() throws Exception {
    KafkaConnection connection = STACK.connection("tls-keystore");
    Path store = CA.issueServer("ingest").writePkcs12(dir.resolve("server.p12"), STORE_PASSWORD);
    TlsSettings keystore = new TlsSettings.KeyStoreFile(store, STORE_PASSWORD);
    try (KafkaIngest.Serving server = KafkaIngest.serve(config(keystore), connection)) {
      HttpResponse<String> response =
          TlsClients.trusting(CA.certificate())
              .send(
                  post("https", server.port(), "from a keystore", TOKEN),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(texts(connection)).containsExactly("from a keystore");
    }
  }
}
