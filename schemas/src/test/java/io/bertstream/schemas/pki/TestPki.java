package io.bertstream.schemas.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * A certificate authority made when a test runs, and the certificates it issues: nothing that
 * expires is committed. Keys are EC P-256 (fast to make); certificates are valid from an hour ago
 * to a day from now. Server certificates name {@code 127.0.0.1} and {@code localhost}.
 *
 * <pre>{@code
 * TestPki ca = TestPki.create("test-ca");
 * TestPki.Issued server = ca.issueServer("registry");
 * server.writePkcs12(dir.resolve("server.p12"), "pw");
 * ca.writeTrustStore(dir.resolve("trust.p12"), "pw");
 * }</pre>
 */
public final class TestPki {

  private static final Duration VALIDITY = Duration.ofDays(1);

  private final String name;
  private final KeyPair keys;
  private final X509Certificate certificate;
  private final AtomicLong serials = new AtomicLong(1);

  private TestPki(String name, KeyPair keys, X509Certificate certificate) {
    this.name = name;
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new self-signed CA named {@code CN=name}. */
  public static TestPki create(String name) {
    KeyPair keys = newKeyPair();
    X509Certificate self =
        sign(
            new X500Name("CN=" + name),
            keys,
            new X500Name("CN=" + name),
            keys.getPrivate(),
            BigInteger.ONE,
            Purpose.CA);
    return new TestPki(name, keys, self);
  }

  /** The CA's own certificate, the one clients and servers trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** A server certificate for {@code 127.0.0.1} and {@code localhost}. */
  public Issued issueServer(String commonName) {
    return issue(commonName, Purpose.SERVER);
  }

  /** A client certificate for mutual TLS. */
  public Issued issueClient(String commonName) {
    return issue(commonName, Purpose.CLIENT);
  }

  private Issued issue(String commonName, Purpose purpose) {
    KeyPair subject = newKeyPair();
    X509Certificate issued =
        sign(
            new X500Name("CN=" + commonName),
            subject,
            new X500Name("CN=" + name),
            keys.getPrivate(),
            BigInteger.valueOf(serials.incrementAndGet()),
            purpose);
    return new Issued(subject.getPrivate(), new X509Certificate[] {issued, certificate});
  }

  /** A PKCS12 trust store holding this CA's certificate. */
  public Path writeTrustStore(Path file, String password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", certificate);
      return store(store, file, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This CA's certificate as a PEM file. */
  public Path writePem(Path file) {
    return write(file, pem(certificate));
  }

  /** A private key with its certificate chain (leaf, then the CA). */
  public record Issued(PrivateKey key, X509Certificate[] chain) {

    /** A PKCS12 key store with one entry, store and key under the same password. */
    public Path writePkcs12(Path file, String password) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", key, password.toCharArray(), chain);
        return store(store, file, password);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The unencrypted PKCS#8 private key, {@code BEGIN PRIVATE KEY}. */
    public String keyPem() {
      try {
        return pem(new JcaPKCS8Generator(key, null).generate());
      } catch (PemGenerationException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The private key encrypted with {@code password} (PBES2, AES-256-CBC). */
    public String encryptedKeyPem(String password) {
      try {
        OutputEncryptor encryptor =
            new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider())
                .setRandom(new SecureRandom())
                .setPassword(password.toCharArray())
                .build();
        return pem(new JcaPKCS8Generator(key, encryptor).generate());
      } catch (OperatorCreationException | PemGenerationException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The certificate chain, leaf first. */
    public String chainPem() {
      StringBuilder text = new StringBuilder();
      for (X509Certificate certificate : chain) {
        text.append(pem(certificate));
      }
      return text.toString();
    }

    /** One PEM file with the unencrypted key and the chain, as Kafka's PEM key stores hold it. */
    public Path writePem(Path file) {
      return write(file, keyPem() + chainPem());
    }
  }

  private enum Purpose {
    CA,
    SERVER,
    CLIENT
  }

  private static X509Certificate sign(
      X500Name subject,
      KeyPair subjectKeys,
      X500Name issuer,
      PrivateKey issuerKey,
      BigInteger serial,
      Purpose purpose) {
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              serial,
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              subjectKeys.getPublic());
      switch (purpose) {
        case CA -> {
          builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
          builder.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        case SERVER -> {
          builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          builder.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
          builder.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(
                  new GeneralName[] {
                    new GeneralName(
                        GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()),
                    new GeneralName(GeneralName.dNSName, "localhost")
                  }));
        }
        case CLIENT -> {
          builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          builder.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a test certificate", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path store(KeyStore store, Path file, String password)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
