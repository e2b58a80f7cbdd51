package io.bertstream.schemas.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The certificates this client trusts for {@code https://} registries, instead of the JVM's
 * default: a {@code PKCS12} or {@code JKS} store, or a {@code PEM} file of CA certificates.
 *
 * @param location the file
 * @param type {@code PKCS12}, {@code JKS} or {@code PEM}
 * @param password the store's password, or null (a PEM file has none)
 */
public record TrustStore(String location, String type, Password password) {

  public static final String LOCATION = "schema.registry.ssl.truststore.location";
  public static final String PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TYPE = "schema.registry.ssl.truststore.type";

  static final Set<String> TYPES = Set.of("PKCS12", "JKS", "PEM");

  public TrustStore {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(type, "type");
  }

  /**
   * Reads {@value #LOCATION}, {@value #PASSWORD} and {@value #TYPE} (default {@code PKCS12}).
   *
   * @return null when no location is set
   * @throws ConfigException when a password is set without a store, or for a PEM file
   */
  static TrustStore from(Map<String, ?> properties) {
    String location = ConfigValues.string(properties, LOCATION);
    String password = ConfigValues.string(properties, PASSWORD);
    String type = typeOf(properties, TYPE, "PKCS12");
    if (location == null) {
      if (password != null) {
        throw new ConfigException(PASSWORD + " is set but " + LOCATION + " is not");
      }
      return null;
    }
    if (type.equals("PEM") && password != null) {
      throw new ConfigException(
          PASSWORD + " is set but a PEM trust store has no password: remove it");
    }
    return new TrustStore(location, type, password == null ? null : new Password(password));
  }

  /** The store type set under {@code key}, upper case, or {@code otherwise}. */
  static String typeOf(Map<String, ?> properties, String key, String otherwise) {
    String type = ConfigValues.string(properties, key);
    if (type == null) {
      return otherwise;
    }
    String upper = type.trim().toUpperCase(Locale.ROOT);
    if (!TYPES.contains(upper)) {
      throw new ConfigException(key, type, "supported types: PKCS12, JKS, PEM");
    }
    return upper;
  }
}
