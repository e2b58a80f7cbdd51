package io.bertstream.local.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * Optional TLS and authentication for the embedded registry, so that clients can be tested against
 * a secured one. The default, {@link #none()}, is plain HTTP open to all, as before.
 *
 * <p>With TLS the registry serves {@code https://} with the certificate in {@code keyStore}; with a
 * {@code clientTrustStore} as well it requires every client to present a certificate signed by a CA
 * in it (mutual TLS). With users or a bearer token, every request must carry one of them ({@code
 * Authorization: Basic ...} or {@code Bearer ...}); others get HTTP 401. Secrets are {@link
 * Password}s and print as {@code [hidden]}.
 *
 * @param keyStore the server's PKCS12 key store (certificate and key), or null for plain HTTP
 * @param keyStorePassword its password (store and key), or null
 * @param clientTrustStore a PKCS12 store of the CAs whose client certificates are required, or null
 *     for no client certificates
 * @param clientTrustStorePassword its password, or null
 * @param users basic-auth users and their passwords; empty for none
 * @param bearerToken the one bearer token accepted, or null for none
 */
public record RegistrySecurity(
    Path keyStore,
    Password keyStorePassword,
    Path clientTrustStore,
    Password clientTrustStorePassword,
    Map<String, Password> users,
    Password bearerToken) {

  public RegistrySecurity {
    users = Map.copyOf(users);
    if (keyStore != null) {
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    }
    if (clientTrustStore != null && keyStore == null) {
      throw new IllegalArgumentException("client certificates need TLS: set a key store too");
    }
    users
        .keySet()
        .forEach(
            user -> {
              if (user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException(
                    "a basic-auth user name has no ':' and is not empty");
              }
            });
  }

  /** Plain HTTP, no authentication. */
  public static RegistrySecurity none() {
    return new RegistrySecurity(null, null, null, null, Map.of(), null);
  }

  /** Serves {@code https://} with the certificate and key in a PKCS12 store. */
  public RegistrySecurity withTls(Path serverKeyStore, String password) {
    return new RegistrySecurity(
        serverKeyStore,
        new Password(password),
        clientTrustStore,
        clientTrustStorePassword,
        users,
        bearerToken);
  }

  /** Requires a client certificate signed by a CA in the PKCS12 {@code trustStore}. */
  public RegistrySecurity requiringClientCertificates(Path trustStore, String password) {
    return new RegistrySecurity(
        keyStore, keyStorePassword, trustStore, new Password(password), users, bearerToken);
  }

  /** Accepts HTTP basic auth as {@code user} with {@code password}. */
  public RegistrySecurity withUser(String user, String password) {
    Map<String, Password> more = new LinkedHashMap<>(users);
    more.put(user, new Password(password));
    return new RegistrySecurity(
        keyStore, keyStorePassword, clientTrustStore, clientTrustStorePassword, more, bearerToken);
  }

  /** Accepts {@code Authorization: Bearer token}. */
  public RegistrySecurity withBearerToken(String token) {
    return new RegistrySecurity(
        keyStore,
        keyStorePassword,
        clientTrustStore,
        clientTrustStorePassword,
        users,
        new Password(token));
  }

  public boolean tls() {
    return keyStore != null;
  }

  public boolean clientCertificatesRequired() {
    return clientTrustStore != null;
  }

  /** Whether requests must carry credentials. */
  public boolean authenticates() {
    return !users.isEmpty() || bearerToken != null;
  }
}
