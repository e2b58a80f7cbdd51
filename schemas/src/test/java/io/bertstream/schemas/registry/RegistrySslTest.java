package io.bertstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.schemas.pki.TestPki;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the client certificate when the client is made: each source works, and each mistake is
 * one line naming the key to check, without the secret. (The handshakes themselves run against the
 * embedded registry in the local module.)
 */
class RegistrySslTest {

  private static final String URL = "https://127.0.0.1:8443";

  @TempDir static Path dir;
  private static TestPki.Issued client;
  private static Path p12;

  @BeforeAll
  static void issue() {
    client = TestPki.create("registry-ssl-test-ca").issueClient("client");
    p12 = client.writePkcs12(dir.resolve("client.p12"), "s3cret-store");
  }

  @Test
  void shouldLoadEachKindOfClientCertificate() throws Exception {
    Path pem = client.writePem(dir.resolve("client.pem"));
    Path encrypted =
        Files.writeString(
            dir.resolve("encrypted.pem"), client.encryptedKeyPem("s3cret-key") + client.chainPem());

    assertThat(
            create(
                Map.of(
                    "schema.registry.ssl.keystore.location",
                    p12.toString(),
                    "schema.registry.ssl.keystore.password",
                    "s3cret-store")))
        .isNotNull();
    assertThat(
            create(
                Map.of(
                    "schema.registry.ssl.keystore.type",
                    "PEM",
                    "schema.registry.ssl.keystore.location",
                    pem.toString())))
        .isNotNull();
    assertThat(
            create(
                Map.of(
                    "schema.registry.ssl.keystore.type", "PEM",
                    "schema.registry.ssl.keystore.location", encrypted.toString(),
                    "schema.registry.ssl.key.password", "s3cret-key")))
        .isNotNull();
    assertThat(
            create(
                Map.of(
                    "schema.registry.ssl.keystore.key", client.keyPem(),
                    "schema.registry.ssl.keystore.certificate.chain", client.chainPem())))
        .isNotNull();
  }

  @Test
  void shouldNameTheStorePasswordWhenItIsWrong() {
    assertRefused(
        Map.of(
            "schema.registry.ssl.keystore.location",
            p12.toString(),
            "schema.registry.ssl.keystore.password",
            "s3cret-wrong"),
        ClientCertificate.PASSWORD);
  }

  @Test
  void shouldNameTheKeyPasswordWhenItIsWrong() throws Exception {
    // A store whose key has a password of its own, as keytool -keypass makes it.
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", client.key(), "s3cret-key".toCharArray(), client.chain());
    Path twoPasswords = dir.resolve("two-passwords.p12");
    try (OutputStream out = Files.newOutputStream(twoPasswords)) {
      store.store(out, "s3cret-store".toCharArray());
    }
    Map<String, String> settings =
        Map.of(
            "schema.registry.ssl.keystore.location",
            twoPasswords.toString(),
            "schema.registry.ssl.keystore.password",
            "s3cret-store");

    assertRefused(settings, ClientCertificate.KEY_PASSWORD);
    Map<String, String> withKeyPassword = new java.util.HashMap<>(settings);
    withKeyPassword.put("schema.registry.ssl.key.password", "s3cret-key");
    assertThat(create(withKeyPassword)).isNotNull();
  }

  @Test
  void shouldNameAMissingFile() {
    assertRefused(
        Map.of(
            "schema.registry.ssl.keystore.type",
            "PEM",
            "schema.registry.ssl.keystore.location",
            dir.resolve("absent.pem").toString()),
        "absent.pem");
    assertRefused(
        Map.of(
            "schema.registry.ssl.keystore.location",
            dir.resolve("absent.p12").toString(),
            "schema.registry.ssl.keystore.password",
            "s3cret-store"),
        "absent.p12");
  }

  @Test
  void shouldNameTheKeyPasswordOfAnEncryptedPemKeyWithout() {
    assertRefused(
        Map.of(
            "schema.registry.ssl.keystore.key", client.encryptedKeyPem("s3cret-key"),
            "schema.registry.ssl.keystore.certificate.chain", client.chainPem()),
        ClientCertificate.KEY_PASSWORD);
  }

  private static SchemaRegistryClient create(Map<String, String> settings) {
    Map<String, Object> properties = new java.util.HashMap<>(settings);
    properties.put(SchemaRegistryClientConfig.URL, URL);
    return SchemaRegistryClient.create(properties);
  }

  private static void assertRefused(Map<String, String> settings, String named) {
    assertThatThrownBy(() -> create(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named)
        .hasMessageNotContaining("s3cret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
