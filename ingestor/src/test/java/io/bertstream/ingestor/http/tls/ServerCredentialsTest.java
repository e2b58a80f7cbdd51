package io.bertstream.ingestor.http.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.schemas.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way the TLS files can be wrong fails at start, in one line that names the file. */
class ServerCredentialsTest {

  private static final TestPki CA = TestPki.create("credentials-test-ca");
  private static final TestPki.Issued SERVER = CA.issueServer("ingest");
  private static final String PASSWORD = "store-pw-s3cret";

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static TlsSetupException failure(TlsSettings settings) {
    TlsSetupException e =
        (TlsSetupException)
            org.assertj.core.api.Assertions.catchThrowable(() -> ServerCredentials.load(settings));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("s3cret");
    return e;
  }

  @Test
  void shouldReadAPemCertificateChainAndItsKey() throws Exception {
    Path cert = write("tls.crt", SERVER.chainPem());
    Path key = write("tls.key", SERVER.keyPem());

    ServerCredentials credentials = ServerCredentials.load(new TlsSettings.Pem(cert, key));

    assertThat(credentials.chain()).containsExactly(SERVER.chain());
    assertThat(credentials.key().getEncoded()).isEqualTo(SERVER.key().getEncoded());
  }

  @Test
  void shouldReadAKeystoreWithItsPassword() {
    Path store = SERVER.writePkcs12(dir.resolve("server.p12"), PASSWORD);

    ServerCredentials credentials =
        ServerCredentials.load(new TlsSettings.KeyStoreFile(store, PASSWORD));

    assertThat(credentials.leaf()).isEqualTo(SERVER.chain()[0]);
  }

  @Test
  void shouldNameAMissingFile() throws Exception {
    Path key = write("tls.key", SERVER.keyPem());
    Path missing = dir.resolve("missing.crt");

    assertThat(failure(new TlsSettings.Pem(missing, key)))
        .hasMessage("TLS certificate " + missing + ": no such file");
    assertThat(failure(new TlsSettings.Pem(missing, dir.resolve("missing.key"))))
        .as("the certificate is named first")
        .hasMessage("TLS certificate " + missing + ": no such file");
    assertThat(failure(new TlsSettings.KeyStoreFile(dir.resolve("nope.p12"), PASSWORD)))
        .hasMessage("TLS keystore " + dir.resolve("nope.p12") + ": no such file");
  }

  @Test
  void shouldRefuseAKeyThatDoesNotBelongToTheCertificate() throws Exception {
    Path cert = write("tls.crt", SERVER.chainPem());
    Path otherKey = write("other.key", CA.issueServer("other").keyPem());

    assertThat(failure(new TlsSettings.Pem(cert, otherKey)))
        .hasMessageStartingWith("TLS private key " + otherKey)
        .hasMessageContaining("does not belong to the certificate in " + cert)
        .hasMessageContaining("CN=ingest");
  }

  @Test
  void shouldRefuseFilesThatAreNotWhatTheyShouldBe() throws Exception {
    Path cert = write("tls.crt", SERVER.chainPem());
    Path key = write("tls.key", SERVER.keyPem());
    Path notPem = write("garbage.crt", "hello");
    Path encrypted = write("encrypted.key", SERVER.encryptedKeyPem("key-pw-s3cret"));
    Path pkcs1 =
        write("rsa.key", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    assertThat(failure(new TlsSettings.Pem(notPem, key)))
        .hasMessage("TLS certificate " + notPem + " holds no BEGIN CERTIFICATE block");
    assertThat(failure(new TlsSettings.Pem(cert, cert)))
        .hasMessageContaining("TLS private key " + cert + " holds 0 private keys");
    assertThat(failure(new TlsSettings.Pem(cert, encrypted)))
        .hasMessageContaining("the key is encrypted");
    assertThat(failure(new TlsSettings.Pem(cert, pkcs1)))
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void shouldSayTheKeystorePasswordIsWrongWithoutShowingIt() {
    Path store = SERVER.writePkcs12(dir.resolve("server.p12"), PASSWORD);

    assertThat(failure(new TlsSettings.KeyStoreFile(store, "wrong-s3cret")))
        .hasMessage("TLS keystore " + store + ": wrong password");
    assertThat(new TlsSettings.KeyStoreFile(store, PASSWORD).toString()).doesNotContain(PASSWORD);
  }

  @Test
  void shouldRefuseAKeystoreWithoutExactlyOneKey() {
    Path trustOnly = CA.writeTrustStore(dir.resolve("trust.p12"), PASSWORD);

    assertThat(failure(new TlsSettings.KeyStoreFile(trustOnly, PASSWORD)))
        .hasMessage(
            "TLS keystore " + trustOnly + ": holds 0 private keys; it must hold exactly one");
  }
}
