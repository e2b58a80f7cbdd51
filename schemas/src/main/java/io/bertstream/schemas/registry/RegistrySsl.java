package io.bertstream.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.types.Password;

/**
 * Builds the client's {@link SSLContext} from its trust store and client certificate, once, when
 * the client is made: a store that cannot be read fails then, naming the file and the key to check,
 * rather than on the first request.
 */
final class RegistrySsl {

  private RegistrySsl() {}

  /**
   * @throws IllegalArgumentException when a store or PEM file cannot be read or opened; the message
   *     names the file and never holds a password or a key
   */
  static SSLContext context(TrustStore trustStore, ClientCertificate certificate) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(certificate), trustManagers(trustStore), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot set up TLS for the schema registry", e);
    }
  }

  private static TrustManager[] trustManagers(TrustStore trustStore) {
    if (trustStore == null) {
      return null; // the JVM's default trust
    }
    String what = "the schema registry trust store " + trustStore.location();
    try {
      KeyStore store;
      if (trustStore.type().equals("PEM")) {
        store = emptyStore();
        List<X509Certificate> certificates =
            PemKeys.certificates(read(trustStore.location()), what);
        for (int i = 0; i < certificates.size(); i++) {
          store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
      } else {
        store = load(trustStore.location(), trustStore.type(), trustStore.password());
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot load "
              + what
              + " ("
              + trustStore.type()
              + "): "
              + reason(e)
              + "; check "
              + TrustStore.LOCATION
              + " and "
              + TrustStore.PASSWORD,
          e);
    }
  }

  private static KeyManager[] keyManagers(ClientCertificate certificate) {
    if (certificate == null) {
      return null;
    }
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      if (certificate instanceof ClientCertificate.KeyStoreFile file) {
        initFromStore(factory, file);
      } else if (certificate instanceof ClientCertificate.PemFile file) {
        String pem = readPem(file.location());
        initFromPem(factory, pem, pem, file.keyPassword(), "the file " + file.location());
      } else if (certificate instanceof ClientCertificate.PemText text) {
        initFromPem(
            factory,
            text.key().value(),
            text.certificateChain(),
            text.keyPassword(),
            ClientCertificate.KEY + " and " + ClientCertificate.CERTIFICATE_CHAIN);
      }
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot load the schema registry client certificate: " + reason(e), e);
    }
  }

  private static void initFromStore(KeyManagerFactory factory, ClientCertificate.KeyStoreFile file)
      throws GeneralSecurityException {
    String what = "the schema registry key store " + file.location() + " (" + file.type() + ")";
    KeyStore store;
    try {
      store = load(file.location(), file.type(), file.storePassword());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot load "
              + what
              + ": "
              + reason(e)
              + "; check "
              + ClientCertificate.LOCATION
              + " and "
              + ClientCertificate.PASSWORD,
          e);
    }
    Password keyPassword = file.keyPassword() != null ? file.keyPassword() : file.storePassword();
    try {
      factory.init(store, keyPassword.value().toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot open the private key in "
              + what
              + ": "
              + reason(e)
              + "; check "
              + ClientCertificate.KEY_PASSWORD,
          e);
    }
  }

  private static void initFromPem(
      KeyManagerFactory factory, String keyPem, String chainPem, Password keyPassword, String what)
      throws GeneralSecurityException {
    PrivateKey key = PemKeys.privateKey(keyPem, keyPassword, what);
    List<X509Certificate> chain = PemKeys.certificates(chainPem, what);
    // The entry lives only in memory; its password only has to match between the two calls.
    char[] entryPassword = randomPassword();
    KeyStore store = emptyStore();
    store.setKeyEntry("client", key, entryPassword, chain.toArray(new X509Certificate[0]));
    factory.init(store, entryPassword);
  }

  private static KeyStore load(String location, String type, Password password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, password == null ? null : password.value().toCharArray());
    }
    return store;
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot make an empty key store", e);
    }
    return store;
  }

  private static String read(String location) throws IOException {
    return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
  }

  /** The PEM file of a client certificate; a missing one is a setting to fix, named. */
  private static String readPem(String location) {
    try {
      return read(location);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the schema registry client key file "
              + location
              + ": "
              + reason(e)
              + "; check "
              + ClientCertificate.LOCATION,
          e);
    }
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
  }

  /** What went wrong, on one line: the JDK's own words, or the file that is missing. */
  private static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      return "no such file " + missing.getFile();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ");
  }
}
