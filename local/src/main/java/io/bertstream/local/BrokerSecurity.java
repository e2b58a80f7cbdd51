package io.bertstream.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.types.Password;

/**
 * Optional authentication, encryption and authorization for the embedded broker, so that clients
 * can be tested against a cluster secured the way production ones are. The default, {@link
 * #none()}, is the plain broker, open to all, as before.
 *
 * <p>Secured, the broker serves clients SASL_SSL only, with SCRAM-SHA-512 users and the certificate
 * in {@code keyStore}, and authorizes every request with KRaft's {@code StandardAuthorizer}: a user
 * may do only what {@code acls} allow. The broker's own principal ({@code User:broker}, the only
 * super user) uses a loopback listener of its own with a password made at each start, so no client
 * ever has more rights than its ACLs give it. Secrets are {@link Password}s and print as {@code
 * [hidden]}.
 *
 * @param keyStore the server's PKCS12 key store (certificate and key), or null for the plain broker
 * @param keyStorePassword its password (store and key), or null
 * @param users SCRAM-SHA-512 users and their passwords, created at every start (an existing user's
 *     password is replaced)
 * @param acls what each user may do, created at every start
 */
public record BrokerSecurity(
    Path keyStore, Password keyStorePassword, Map<String, Password> users, List<AclBinding> acls) {

  /** The SASL mechanism of the client listener. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  /** The broker's own principal name, the one super user; no client user may take it. */
  public static final String BROKER_USER = "broker";

  public BrokerSecurity {
    users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    acls = List.copyOf(acls);
    if (keyStore != null) {
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    } else if (!users.isEmpty() || !acls.isEmpty()) {
      throw new IllegalArgumentException(
          "users and ACLs need a secured broker: start from saslSsl");
    }
    for (String user : users.keySet()) {
      if (user.isEmpty() || user.equals(BROKER_USER) || user.contains(",") || user.contains("=")) {
        throw new IllegalArgumentException(
            "a SCRAM user name is not empty, not '" + BROKER_USER + "', and has no ',' or '='");
      }
    }
  }

  /** The plain broker: PLAINTEXT, no users, no authorizer. */
  public static BrokerSecurity none() {
    return new BrokerSecurity(null, null, Map.of(), List.of());
  }

  /**
   * SASL_SSL (SCRAM-SHA-512) with the certificate and key in a PKCS12 store, and an authorizer that
   * denies what no ACL allows.
   */
  public static BrokerSecurity saslSsl(Path serverKeyStore, String password) {
    Objects.requireNonNull(serverKeyStore, "serverKeyStore");
    return new BrokerSecurity(serverKeyStore, new Password(password), Map.of(), List.of());
  }

  /** Accepts SCRAM-SHA-512 user {@code name} with {@code password}. */
  public BrokerSecurity withUser(String name, String password) {
    Map<String, Password> more = new LinkedHashMap<>(users);
    more.put(name, new Password(password));
    return new BrokerSecurity(keyStore, keyStorePassword, more, acls);
  }

  /** Allows (or denies) what {@code bindings} say, on top of the ACLs already here. */
  public BrokerSecurity withAcls(Collection<AclBinding> bindings) {
    List<AclBinding> more = new ArrayList<>(acls);
    more.addAll(bindings);
    return new BrokerSecurity(keyStore, keyStorePassword, users, more);
  }

  public boolean enabled() {
    return keyStore != null;
  }
}
