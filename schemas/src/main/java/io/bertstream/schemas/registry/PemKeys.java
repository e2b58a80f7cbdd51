package io.bertstream.schemas.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads PEM text with the JDK alone: X.509 certificates and PKCS#8 private keys, plain ({@code
 * BEGIN PRIVATE KEY}) or encrypted ({@code BEGIN ENCRYPTED PRIVATE KEY}, as {@code openssl pkcs8
 * -topk8} writes them). The older OpenSSL forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC
 * PRIVATE KEY}) are refused with the command that converts them. Error messages never quote the
 * text, which holds the key.
 *
 * <p>The project's one PEM reader: the registry client's certificates and {@code ingest serve}'s
 * server certificate both come through it.
 */
public final class PemKeys {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
  private static final String PBES2_OID = "1.2.840.113549.1.5.13";
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA"};

  private PemKeys() {}

  /** Every {@code CERTIFICATE} block of {@code pem}, in order. */
  public static List<X509Certificate> certificates(String pem, String where)
      throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    for (Block block : blocks(pem)) {
      if (block.label().equals("CERTIFICATE")) {
        certificates.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(block.der(where))));
      }
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException(where + " holds no BEGIN CERTIFICATE block");
    }
    return certificates;
  }

  /** The one private key of {@code pem}, decrypted with {@code password} when it is encrypted. */
  public static PrivateKey privateKey(String pem, Password password, String where)
      throws GeneralSecurityException {
    List<Block> keys = blocks(pem).stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
    if (keys.size() != 1) {
      throw new GeneralSecurityException(
          where + " holds " + keys.size() + " private keys; it needs exactly one");
    }
    Block key = keys.get(0);
    PKCS8EncodedKeySpec spec =
        switch (key.label()) {
          case "PRIVATE KEY" -> new PKCS8EncodedKeySpec(key.der(where));
          case "ENCRYPTED PRIVATE KEY" -> decrypt(key.der(where), password, where);
          default ->
              throw new GeneralSecurityException(
                  where
                      + " holds a '"
                      + key.label()
                      + "', which the JDK cannot read: convert it to PKCS#8 with"
                      + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
        };
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        // Not this algorithm's key: try the next.
      }
    }
    throw new GeneralSecurityException(
        where + " holds a private key of an algorithm other than RSA, EC, EdDSA or DSA");
  }

  private static PKCS8EncodedKeySpec decrypt(byte[] der, Password password, String where)
      throws GeneralSecurityException {
    if (password == null) {
      throw new GeneralSecurityException(
          where
              + " holds an encrypted private key: set "
              + ClientCertificate.KEY_PASSWORD
              + " to its password");
    }
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      String algorithm = info.getAlgName();
      if (algorithm.equals("PBES2") || algorithm.equals(PBES2_OID)) {
        // PBES2 is a scheme: its parameters name the cipher (e.g. PBEWithHmacSHA256AndAES_256).
        algorithm = info.getAlgParameters().toString();
      }
      Cipher cipher = Cipher.getInstance(algorithm);
      cipher.init(
          Cipher.DECRYPT_MODE,
          SecretKeyFactory.getInstance(algorithm)
              .generateSecret(new PBEKeySpec(password.value().toCharArray())),
          info.getAlgParameters());
      return info.getKeySpec(cipher);
    } catch (IOException | GeneralSecurityException e) {
      throw new GeneralSecurityException(
          where
              + ": cannot decrypt the private key ("
              + e.getClass().getSimpleName()
              + "): check "
              + ClientCertificate.KEY_PASSWORD,
          e);
    }
  }

  private static List<Block> blocks(String pem) {
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), matcher.group(2)));
    }
    return blocks;
  }

  private record Block(String label, String base64) {
    byte[] der(String where) throws GeneralSecurityException {
      try {
        return Base64.getMimeDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException(where + ": a " + label + " block is not valid base64");
      }
    }

    @Override
    public String toString() {
      return "Block[" + label + "]";
    }
  }
}
