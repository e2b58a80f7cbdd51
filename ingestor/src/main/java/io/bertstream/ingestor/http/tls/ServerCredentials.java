package io.bertstream.ingestor.http.tls;

import io.bertstream.schemas.registry.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The server's private key and certificate chain, read from {@link TlsSettings} and checked to
 * belong together: a key that does not match its certificate fails here, with the file names, not
 * at the first client's handshake.
 */
record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {

  /** Signature algorithms that prove a key pair by key algorithm. */
  private static final Map<String, String> PROOF =
      Map.of(
          "RSA", "SHA256withRSA",
          "EC", "SHA256withECDSA",
          "EdDSA", "EdDSA",
          "Ed25519", "Ed25519",
          "Ed448", "Ed448");

  ServerCredentials {
    chain = List.copyOf(chain);
  }

  static ServerCredentials load(TlsSettings settings) {
    if (settings instanceof TlsSettings.Pem pem) {
      return fromPem(pem);
    }
    return fromKeyStore((TlsSettings.KeyStoreFile) settings);
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  /** Names the certificate, never the key (some key types print their private numbers). */
  @Override
  public String toString() {
    return "ServerCredentials[" + leaf().getSubjectX500Principal().getName() + "]";
  }

  /** An in-memory keystore with this key and chain, protected by {@code password}. */
  KeyStore toKeyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsSetupException("cannot hold the TLS key in memory: " + e.getMessage(), e);
    }
  }

  private static ServerCredentials fromPem(TlsSettings.Pem pem) {
    String certificateFile = "TLS certificate " + pem.certificate();
    String keyFile = "TLS private key " + pem.privateKey();
    // The certificate first: the flags name it first, and so do errors about missing files.
    String certificateText = read(pem.certificate(), certificateFile);
    String keyText = read(pem.privateKey(), keyFile);
    if (keyText.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new TlsSetupException(
          keyFile
              + ": the key is encrypted; give it unencrypted (its file permissions protect it)"
              + " or use --tls-keystore with a password");
    }
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = PemKeys.certificates(certificateText, certificateFile);
      key = PemKeys.privateKey(keyText, null, keyFile);
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException(e.getMessage(), e);
    }
    if (!belongTogether(key, chain.get(0))) {
      throw new TlsSetupException(
          keyFile
              + " does not belong to the certificate in "
              + pem.certificate()
              + " ("
              + chain.get(0).getSubjectX500Principal().getName()
              + ")");
    }
    return new ServerCredentials(key, chain);
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

  private static ServerCredentials fromKeyStore(TlsSettings.KeyStoreFile settings) {
    String what = "TLS keystore " + settings.file();
    char[] password = settings.password().toCharArray();
    if (!Files.isRegularFile(settings.file())) {
      throw new TlsSetupException(what + ": no such file");
    }
    if (!Files.isReadable(settings.file())) {
      throw new TlsSetupException(what + ": permission denied");
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance(settings.file().toFile(), password);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TlsSetupException(what + ": wrong password", e);
      }
      throw new TlsSetupException(what + ": wrong password, or damaged: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException(what + ": not a PKCS#12 or JKS keystore", e);
    }
    try {
      List<String> keyAliases = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keyAliases.add(alias);
        }
      }
      if (keyAliases.size() != 1) {
        throw new TlsSetupException(
            what + ": holds " + keyAliases.size() + " private keys; it must hold exactly one");
      }
      String alias = keyAliases.get(0);
      Key key = store.getKey(alias, password);
      Certificate[] certificates = store.getCertificateChain(alias);
      if (!(key instanceof PrivateKey privateKey)
          || certificates == null
          || certificates.length == 0) {
        throw new TlsSetupException(what + ": entry '" + alias + "' has no certificate chain");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : certificates) {
        chain.add((X509Certificate) certificate);
      }
      if (!belongTogether(privateKey, chain.get(0))) {
        throw new TlsSetupException(
            what + ": the key of '" + alias + "' does not belong to its certificate");
      }
      return new ServerCredentials(privateKey, chain);
    } catch (UnrecoverableKeyException e) {
      throw new TlsSetupException(
          what + ": the key's password is not the keystore's; give both the same password", e);
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException(what + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())
        && !(isEdDsa(key.getAlgorithm()) && isEdDsa(certificate.getPublicKey().getAlgorithm()))) {
      return false;
    }
    String algorithm = PROOF.get(key.getAlgorithm());
    if (algorithm == null) {
      // A key type without a known proof: the handshake will tell.
      return true;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean isEdDsa(String algorithm) {
    return algorithm.startsWith("Ed");
  }
}
