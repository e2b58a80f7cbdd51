package io.bertstream.ingestor.http.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.schemas.pki.TestPki;
import io.javalin.Javalin;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS connector on a bare Javalin: a renewed certificate is served without a restart. */
class ServerTlsTest {

  private static final TestPki CA = TestPki.create("reload-test-ca");

  @TempDir Path dir;
  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private Path cert() {
    return dir.resolve("tls.crt");
  }

  private Path key() {
    return dir.resolve("tls.key");
  }

  private void install(TestPki.Issued issued) throws Exception {
    Files.writeString(cert(), issued.chainPem());
    Files.writeString(key(), issued.keyPem());
  }

  private int serve(ServerTls tls) {
    app =
        Javalin.create(
                config -> {
                  config.showJavalinBanner = false;
                  config.jetty.addConnector(
                      (server, http) -> tls.connector(server, http, "127.0.0.1", 0));
                })
            .get("/", ctx -> ctx.result("ok"))
            .start();
    return app.port();
  }

  /** The serial of the certificate a new connection gets. */
  private static BigInteger servedSerial(int port) throws Exception {
    HttpResponse<String> response =
        TlsClients.trusting(CA.certificate())
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("ok");
    X509Certificate peer =
        (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    return peer.getSerialNumber();
  }

  @Test
  void shouldServeRenewedFilesAfterTheyChangeAndKeepServingWhenTheyAreBroken() throws Exception {
    TestPki.Issued first = CA.issueServer("ingest");
    TestPki.Issued renewed = CA.issueServer("ingest");
    install(first);
    ServerTls tls = ServerTls.load(new TlsSettings.Pem(cert(), key()));
    int port = serve(tls);
    assertThat(servedSerial(port)).isEqualTo(first.chain()[0].getSerialNumber());
    assertThat(tls.reloadIfChanged()).as("nothing changed").isFalse();

    install(renewed);
    assertThat(tls.reloadIfChanged()).isTrue();
    assertThat(servedSerial(port)).isEqualTo(renewed.chain()[0].getSerialNumber());

    // Half a renewal (a new certificate, the old key): refused, the renewed pair stays.
    Files.writeString(cert(), CA.issueServer("ingest").chainPem());
    assertThat(tls.reloadIfChanged()).isFalse();
    assertThat(tls.certificate()).isEqualTo(renewed.chain()[0]);
    assertThat(servedSerial(port)).isEqualTo(renewed.chain()[0].getSerialNumber());
  }
}
