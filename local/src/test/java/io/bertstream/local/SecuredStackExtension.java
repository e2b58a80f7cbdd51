package io.bertstream.local;

import io.bertstream.local.registry.EmbeddedSchemaRegistry;
import io.bertstream.local.registry.RegistrySecurity;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import io.bertstream.schemas.pki.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a secured stack, as production runs it: the embedded broker serving SASL_SSL
 * (SCRAM-SHA-512) with ACLs, and the embedded registry serving HTTPS with basic auth, keeping its
 * schemas through a principal of its own. The CA and the certificates are made when the test runs
 * ({@link TestPki}); nothing that expires is committed.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SecuredStackExtension STACK =
 *     new SecuredStackExtension(
 *         security -> security.withUser("ingest", "pw").withAcls(...));
 *
 * Map<String, String> client = STACK.clientProperties("ingest", "pw");
 * }</pre>
 *
 * <p>Every secret here contains {@link #SECRET_MARK}, so one search of a log finds any of them.
 */
public final class SecuredStackExtension implements BeforeAllCallback, AfterAllCallback {

  /** Part of every password and key-store password of the stack, for tests that grep logs. */
  public static final String SECRET_MARK = "s3cret";

  public static final String STORE_PASSWORD = "store-pw-" + SECRET_MARK;
  public static final String REGISTRY_USER = "bertstream";
  public static final String REGISTRY_PASSWORD = "registry-pw-" + SECRET_MARK;

  /** The registry's own Kafka principal: it owns {@code _schemas}. */
  static final String REGISTRY_PRINCIPAL = "schema-registry";

  private static final String REGISTRY_PRINCIPAL_PASSWORD = "schemas-pw-" + SECRET_MARK;
  private static final String SCHEMAS_TOPIC = "_schemas";

  private final UnaryOperator<BrokerSecurity> users;
  private Path dir;
  private Path trustStore;
  private Path strangersTrustStore;
  private EmbeddedKafka kafka;
  private EmbeddedSchemaRegistry registry;
  private Admin admin;
  private String ownerId;

  /**
   * {@code users} adds the test's users and their ACLs to the secured broker; the registry's
   * principal is added here.
   */
  public SecuredStackExtension(UnaryOperator<BrokerSecurity> users) {
    this.users = users;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (kafka != null) {
      return; // a @Nested class inside the class that started it
    }
    dir = Files.createTempDirectory("bertstream-secured-");
    try {
      TestPki ca = TestPki.create("bertstream-test-ca");
      Path serverKeyStore =
          ca.issueServer("127.0.0.1").writePkcs12(dir.resolve("server.p12"), STORE_PASSWORD);
      trustStore = ca.writeTrustStore(dir.resolve("trust.p12"), STORE_PASSWORD);
      strangersTrustStore =
          TestPki.create("another-ca")
              .writeTrustStore(dir.resolve("strangers.p12"), STORE_PASSWORD);

      BrokerSecurity security =
          users.apply(
              BrokerSecurity.saslSsl(serverKeyStore, STORE_PASSWORD)
                  .withUser(REGISTRY_PRINCIPAL, REGISTRY_PRINCIPAL_PASSWORD)
                  .withAcls(
                      List.of(
                          allow(
                              REGISTRY_PRINCIPAL,
                              ResourceType.TOPIC,
                              SCHEMAS_TOPIC,
                              PatternType.LITERAL,
                              AclOperation.ALL))));
      kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, security);
      admin = Admin.create(kafka.superUserConfig());
      ownerId = context.getUniqueId();
      registry =
          EmbeddedSchemaRegistry.start(
              Map.copyOf(
                  clientConfig(kafkaProperties(REGISTRY_PRINCIPAL, REGISTRY_PRINCIPAL_PASSWORD))),
              "127.0.0.1",
              0,
              RegistrySecurity.none()
                  .withTls(serverKeyStore, STORE_PASSWORD)
                  .withUser(REGISTRY_USER, REGISTRY_PASSWORD));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (kafka == null || !context.getUniqueId().equals(ownerId)) {
      return;
    }
    close();
  }

  private void close() throws IOException {
    try {
      if (admin != null) {
        admin.close();
      }
      if (registry != null) {
        registry.close();
      }
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      admin = null;
      registry = null;
      kafka = null;
      EmbeddedStackExtension.deleteRecursively(dir);
    }
  }

  /** An ACL binding that allows {@code operation} on a resource to {@code User:user}. */
  public static AclBinding allow(
      String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
  }

  /** The secured (SASL_SSL) listener. */
  public String bootstrapServers() {
    return running().bootstrapServers();
  }

  /** The registry's {@code https://} URL. */
  public String schemaRegistryUrl() {
    return registry.url();
  }

  /** A PKCS12 trust store of the CA that signed the broker's and the registry's certificates. */
  public Path trustStore() {
    running();
    return trustStore;
  }

  /** A PKCS12 trust store of a CA that signed nothing here: TLS with it fails. */
  public Path strangersTrustStore() {
    running();
    return strangersTrustStore;
  }

  /**
   * Everything a client of this stack needs as {@code user} with {@code password}: the Kafka client
   * properties (SASL_SSL, SCRAM, the trust store) and the registry's (basic auth, the trust store),
   * as a user writes them in a properties file.
   */
  public Map<String, String> clientProperties(String user, String password) {
    Map<String, String> properties = new TreeMap<>(kafkaProperties(user, password));
    properties.put("basic.auth.credentials.source", "USER_INFO");
    properties.put("basic.auth.user.info", REGISTRY_USER + ":" + REGISTRY_PASSWORD);
    properties.put("schema.registry.ssl.truststore.type", "PKCS12");
    properties.put("schema.registry.ssl.truststore.location", trustStore().toString());
    properties.put("schema.registry.ssl.truststore.password", STORE_PASSWORD);
    return properties;
  }

  private Map<String, String> kafkaProperties(String user, String password) {
    Map<String, String> properties = new TreeMap<>();
    properties.put("security.protocol", "SASL_SSL");
    properties.put("sasl.mechanism", BrokerSecurity.MECHANISM);
    properties.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    properties.put("ssl.truststore.type", "PKCS12");
    properties.put("ssl.truststore.location", trustStore.toString());
    properties.put("ssl.truststore.password", STORE_PASSWORD);
    return properties;
  }

  private Map<String, Object> clientConfig(Map<String, String> properties) {
    Map<String, Object> config = new TreeMap<>(properties);
    config.put("bootstrap.servers", kafka.bootstrapServers());
    return config;
  }

  /**
   * A connection as {@code user} to the project's topics for {@code topicPrefix}, created (by the
   * super user, as an operator would) with {@code partitions} if missing.
   */
  public KafkaConnection connection(
      String topicPrefix, int partitions, String user, String password) {
    TopicNames topics = new TopicNames(topicPrefix);
    ProjectTopics.create(admin(), topics, partitions);
    return new KafkaConnection(
        bootstrapServers(), schemaRegistryUrl(), topics, clientProperties(user, password));
  }

  /** An admin client with every right, owned by this extension: do not close it. */
  public Admin admin() {
    running();
    return admin;
  }

  private EmbeddedKafka running() {
    if (kafka == null) {
      throw new IllegalStateException(
          "the secured stack is not running: register the extension on a static field with"
              + " @RegisterExtension");
    }
    return kafka;
  }
}
