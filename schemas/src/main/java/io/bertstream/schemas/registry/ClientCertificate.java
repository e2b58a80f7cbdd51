package io.bertstream.schemas.registry;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The certificate and private key this client presents for mutual TLS, from one of three places
 * (Kafka's and Confluent's keys, under {@code schema.registry.ssl.}): a {@code PKCS12}/{@code JKS}
 * key store file, a {@code PEM} file holding the private key and the certificate chain, or the two
 * as PEM text in {@value #KEY} and {@value #CERTIFICATE_CHAIN}.
 */
public sealed interface ClientCertificate {

  String LOCATION = "schema.registry.ssl.keystore.location";
  String PASSWORD = "schema.registry.ssl.keystore.password";
  String TYPE = "schema.registry.ssl.keystore.type";
  String KEY_PASSWORD = "schema.registry.ssl.key.password";
  String KEY = "schema.registry.ssl.keystore.key";
  String CERTIFICATE_CHAIN = "schema.registry.ssl.keystore.certificate.chain";

  /**
   * A {@code PKCS12} or {@code JKS} key store.
   *
   * @param keyPassword the key entry's password, or null when it is the store's
   */
  record KeyStoreFile(String location, String type, Password storePassword, Password keyPassword)
      implements ClientCertificate {
    public KeyStoreFile {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(storePassword, "storePassword");
    }
  }

  /**
   * A PEM file with a PKCS#8 private key and its certificate chain, leaf first.
   *
   * @param keyPassword the password of an encrypted key, or null
   */
  record PemFile(String location, Password keyPassword) implements ClientCertificate {
    public PemFile {
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * The PEM text of a PKCS#8 private key and of its certificate chain, leaf first.
   *
   * @param keyPassword the password of an encrypted key, or null
   */
  record PemText(Password key, String certificateChain, Password keyPassword)
      implements ClientCertificate {
    public PemText {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(certificateChain, "certificateChain");
    }

    @Override
    public String toString() {
      return "PemText[key=" + key + ", certificateChain=(" + certificateChain.length() + " chars)]";
    }
  }

  /**
   * Reads the keys above; the type defaults to {@code PEM} when the PEM text is given and to {@code
   * PKCS12} otherwise.
   *
   * @return null when no client certificate is set
   * @throws ConfigException naming the keys, never their values, when the settings are incomplete
   *     or contradict each other
   */
  static ClientCertificate from(Map<String, ?> properties) {
    String location = ConfigValues.string(properties, LOCATION);
    String storePassword = ConfigValues.string(properties, PASSWORD);
    String keyPassword = ConfigValues.string(properties, KEY_PASSWORD);
    String key = ConfigValues.string(properties, KEY);
    String chain = ConfigValues.string(properties, CERTIFICATE_CHAIN);
    boolean pemText = key != null || chain != null;
    String type = TrustStore.typeOf(properties, TYPE, pemText ? "PEM" : "PKCS12");
    if (pemText) {
      if (location != null) {
        throw new ConfigException(
            "set either "
                + LOCATION
                + " or "
                + KEY
                + " with "
                + CERTIFICATE_CHAIN
                + " for the schema registry client certificate, not both");
      }
      if (key == null || chain == null) {
        throw new ConfigException(
            (key == null ? CERTIFICATE_CHAIN : KEY)
                + " is set but "
                + (key == null ? KEY : CERTIFICATE_CHAIN)
                + " is not: a client certificate needs both");
      }
      if (!type.equals("PEM")) {
        throw new ConfigException(KEY + " and " + CERTIFICATE_CHAIN + " need " + TYPE + "=PEM");
      }
    }
    if (type.equals("PEM") && storePassword != null) {
      throw new ConfigException(
          PASSWORD
              + " is set but PEM has no store password: an encrypted key's password goes in "
              + KEY_PASSWORD);
    }
    if (pemText) {
      return new PemText(new Password(key), chain, password(keyPassword));
    }
    if (location == null) {
      if (storePassword != null || keyPassword != null) {
        throw new ConfigException(
            (storePassword != null ? PASSWORD : KEY_PASSWORD)
                + " is set but "
                + LOCATION
                + " is not: no client certificate to use it for");
      }
      return null;
    }
    if (type.equals("PEM")) {
      return new PemFile(location, password(keyPassword));
    }
    if (storePassword == null) {
      throw new ConfigException(LOCATION + " is set but " + PASSWORD + " is not");
    }
    return new KeyStoreFile(location, type, new Password(storePassword), password(keyPassword));
  }

  private static Password password(String value) {
    return value == null ? null : new Password(value);
  }
}
