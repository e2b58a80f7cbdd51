package io.bertstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.schemas.pki.TestPki;
import java.security.GeneralSecurityException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class PemKeysTest {

  private static final TestPki CA = TestPki.create("pem-keys-test-ca");
  private static final TestPki.Issued CLIENT = CA.issueClient("client");

  @Test
  void shouldReadAPlainPkcs8KeyAndItsChainFromOneText() throws GeneralSecurityException {
    String pem = CLIENT.keyPem() + CLIENT.chainPem();

    assertThat(PemKeys.privateKey(pem, null, "test").getEncoded())
        .isEqualTo(CLIENT.key().getEncoded());
    assertThat(PemKeys.certificates(pem, "test")).containsExactly(CLIENT.chain());
  }

  @Test
  void shouldDecryptAnEncryptedKeyWithItsPassword() throws GeneralSecurityException {
    String pem = CLIENT.encryptedKeyPem("s3cret-key-pw");

    assertThat(pem).contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThat(PemKeys.privateKey(pem, new Password("s3cret-key-pw"), "test").getEncoded())
        .isEqualTo(CLIENT.key().getEncoded());
  }

  @Test
  void shouldNameTheKeyPasswordWhenItIsMissingOrWrong() {
    String pem = CLIENT.encryptedKeyPem("s3cret-key-pw");

    assertThatThrownBy(() -> PemKeys.privateKey(pem, null, "test"))
        .hasMessageContaining(ClientCertificate.KEY_PASSWORD);
    assertThatThrownBy(() -> PemKeys.privateKey(pem, new Password("s3cret-wrong"), "test"))
        .hasMessageContaining(ClientCertificate.KEY_PASSWORD)
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldRefuseOpenSslsOlderKeyFormatWithTheCommandThatConvertsIt() {
    String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";

    assertThatThrownBy(() -> PemKeys.privateKey(pkcs1, null, "test"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("openssl pkcs8 -topk8")
        .hasMessageNotContaining("AAAA");
  }

  @Test
  void shouldRequireExactlyOneKeyAndAtLeastOneCertificate() {
    assertThatThrownBy(() -> PemKeys.privateKey(CLIENT.chainPem(), null, "the file x.pem"))
        .hasMessageContaining("the file x.pem holds 0 private keys");
    assertThatThrownBy(() -> PemKeys.certificates(CLIENT.keyPem(), "the file x.pem"))
        .hasMessageContaining("no BEGIN CERTIFICATE");
  }
}
