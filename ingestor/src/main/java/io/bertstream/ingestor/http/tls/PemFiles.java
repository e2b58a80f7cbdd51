package io.bertstream.ingestor.http.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads certificates and an unencrypted private key from PEM files, with the JDK alone. */
final class PemFiles {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** The algorithms a PKCS#8 key may be for; the first KeyFactory that accepts it wins. */
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private PemFiles() {}

  /** The certificates of {@code file} in order: the server's first, then intermediates. */
  static List<X509Certificate> certificates(Path file) {
    String what = "TLS certificate " + file;
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(read(file, what))) {
        if (block.label().equals("CERTIFICATE")) {
          chain.add(
              (X509Certificate)
                  factory.generateCertificate(new ByteArrayInputStream(block.der(what))));
        }
      }
    } catch (CertificateException e) {
      throw new TlsSetupException(what + ": not a valid X.509 certificate: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new TlsSetupException(
          what + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    return chain;
  }

  /** The one private key of {@code file}. */
  static PrivateKey privateKey(Path file) {
    String what = "TLS private key " + file;
    for (Block block : blocks(read(file, what))) {
      switch (block.label()) {
        case "PRIVATE KEY":
          return pkcs8(block.der(what), what);
        case "RSA PRIVATE KEY":
          refuseEncrypted(block, what);
          return pkcs8(Pkcs8.fromPkcs1Rsa(block.der(what)), what);
        case "EC PRIVATE KEY":
          refuseEncrypted(block, what);
          try {
            return pkcs8(Pkcs8.fromSec1Ec(block.der(what)), what);
          } catch (IllegalArgumentException e) {
            throw new TlsSetupException(what + ": " + e.getMessage(), e);
          }
        case "ENCRYPTED PRIVATE KEY":
          throw encrypted(what);
        default:
          // A certificate before the key (a combined file) is fine: look further.
      }
    }
    throw new TlsSetupException(
        what
            + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----,"
            + " BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der, String what) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Not this algorithm (or not a key at all): try the next one.
      }
    }
    throw new TlsSetupException(
        what + ": not a readable RSA, EC or EdDSA private key (damaged or another algorithm)");
  }

  private static void refuseEncrypted(Block block, String what) {
    if (block.body().contains("ENCRYPTED")) {
      throw encrypted(what);
    }
  }

  private static TlsSetupException encrypted(String what) {
    return new TlsSetupException(
        what
            + ": the key is encrypted; give it unencrypted (its file permissions protect it) or"
            + " use --tls-keystore with a password");
  }

  private static String read(Path file, String what) {
    try {
      // ISO-8859-1 maps every byte: a binary (DER) file reads as text without PEM blocks.
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new TlsSetupException(what + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new TlsSetupException(what + ": permission denied", e);
    } catch (IOException e) {
      throw new TlsSetupException(what + ": cannot read it: " + e.getMessage(), e);
    }
  }

  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(text);
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), matcher.group(2)));
    }
    return blocks;
  }

  /** One {@code -----BEGIN label-----} ... {@code -----END label-----} block. */
  private record Block(String label, String body) {

    /** The base64 body decoded; header lines such as {@code Proc-Type:} are skipped. */
    byte[] der(String what) {
      StringBuilder base64 = new StringBuilder(body.length());
      for (String line : body.split("\\R")) {
        if (!line.contains(":")) {
          base64.append(line.strip());
        }
      }
      try {
        return Base64.getDecoder().decode(base64.toString());
      } catch (IllegalArgumentException e) {
        throw new TlsSetupException(what + ": the " + label + " block is not valid base64", e);
      }
    }
  }
}
