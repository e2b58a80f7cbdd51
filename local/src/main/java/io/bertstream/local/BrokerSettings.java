package io.bertstream.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;

/**
 * The configuration of the embedded single-node broker: one KRaft node that is both broker and
 * controller, listening on 127.0.0.1 only, with every internal topic sized for one replica.
 *
 * <p>Secured ({@link Secured}), clients get a SASL_SSL listener with SCRAM users on {@code port};
 * the broker's own principal, the one super user, authenticates with PLAIN on two loopback
 * listeners no client is told about: the controller's and an internal one for the broker's own
 * requests (transaction markers, and the setup of users and ACLs).
 *
 * @param logDir where the broker keeps its logs and KRaft metadata
 * @param port the client port (PLAINTEXT, or SASL_SSL when secured)
 * @param controllerPort the KRaft controller port; only this node talks to it
 * @param secured the secured listeners, or empty for the plain broker
 */
record BrokerSettings(Path logDir, int port, int controllerPort, Optional<Secured> secured) {

  static final int NODE_ID = 1;
  static final String HOST = "127.0.0.1";
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final String CLIENT_LISTENER = "PLAINTEXT";
  static final String SECURED_CLIENT_LISTENER = "CLIENT";
  static final String INTERNAL_LISTENER = "INTERNAL";
  private static final String BROKER_MECHANISM = "PLAIN";

  /**
   * What a secured broker needs beyond the plain one.
   *
   * @param security the client listener's certificate, users and ACLs
   * @param internalPort the port of the broker's own listener
   * @param brokerPassword the broker principal's password, made at each start
   */
  record Secured(BrokerSecurity security, int internalPort, Password brokerPassword) {
    Secured {
      Objects.requireNonNull(security, "security");
      Objects.requireNonNull(brokerPassword, "brokerPassword");
      if (!security.enabled()) {
        throw new IllegalArgumentException("secured listeners need BrokerSecurity.saslSsl");
      }
      requirePort(internalPort, "internalPort");
    }
  }

  BrokerSettings {
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(secured, "secured");
    requirePort(port, "port");
    requirePort(controllerPort, "controllerPort");
    if (port == controllerPort) {
      throw new IllegalArgumentException("port and controllerPort must differ: " + port);
    }
    secured.ifPresent(
        s -> {
          if (s.internalPort() == port || s.internalPort() == controllerPort) {
            throw new IllegalArgumentException(
                "internalPort must differ from port and controllerPort: " + s.internalPort());
          }
        });
  }

  /** The plain broker. */
  BrokerSettings(Path logDir, int port, int controllerPort) {
    this(logDir, port, controllerPort, Optional.empty());
  }

  /** The same broker with secured listeners. */
  BrokerSettings securedBy(BrokerSecurity security, int internalPort, Password brokerPassword) {
    return new BrokerSettings(
        logDir,
        port,
        controllerPort,
        Optional.of(new Secured(security, internalPort, brokerPassword)));
  }

  private static void requirePort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be in 1..65535: " + port);
    }
  }

  String bootstrapServers() {
    return HOST + ":" + port;
  }

  /**
   * A client configuration with every right: the broker's own principal on its internal listener
   * when secured, else just the (open) client listener.
   */
  Map<String, Object> superUserConfig() {
    Map<String, Object> config = new HashMap<>();
    if (secured.isEmpty()) {
      config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      return config;
    }
    Secured s = secured.get();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + s.internalPort());
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    config.put(SaslConfigs.SASL_MECHANISM, BROKER_MECHANISM);
    config.put(SaslConfigs.SASL_JAAS_CONFIG, new Password(brokerJaas(s, false)));
    return config;
  }

  /** PLAIN for the broker principal; as the server's config it also lists the one user. */
  private static String brokerJaas(Secured s, boolean server) {
    String password = jaasQuoted(s.brokerPassword().value());
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + BrokerSecurity.BROKER_USER
        + "\" password=\""
        + password
        + "\""
        + (server ? " user_" + BrokerSecurity.BROKER_USER + "=\"" + password + "\"" : "")
        + ";";
  }

  private static String jaasQuoted(String value) {
    if (value.contains("\"") || value.contains("\\")) {
      throw new IllegalArgumentException("a JAAS password has no quote or backslash");
    }
    return value;
  }

  Properties toProperties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    // A static voter set: the controller port may change between restarts of the same data dir.
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    props.put(
        "listeners",
        String.format(
            Locale.ROOT,
            "%s://%s:%d,%s://%s:%d",
            CLIENT_LISTENER,
            HOST,
            port,
            CONTROLLER_LISTENER,
            HOST,
            controllerPort));
    props.put("advertised.listeners", CLIENT_LISTENER + "://" + bootstrapServers());
    props.put(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", logDir.toAbsolutePath().toString());

    // One node: every internal topic has one replica, or transactions and groups never start.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("num.partitions", "1");

    // Local use: groups form at once, records are kept until the data dir is deleted.
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.retention.ms", "-1");
    // Documents may be up to 8 MiB (the ingestor's --max-doc-bytes); leave room for framing.
    props.put("message.max.bytes", Integer.toString(ProjectTopics.MAX_MESSAGE_BYTES));

    // Small footprint: the broker shares the JVM with the pipeline or the tests.
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("background.threads", "2");
    props.put("num.recovery.threads.per.data.dir", "1");
    props.put("log.cleaner.threads", "1");
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    secured.ifPresent(s -> putSecured(props, s));
    return props;
  }

  /** Replaces the PLAINTEXT listeners with SASL ones and turns the authorizer on. */
  private void putSecured(Properties props, Secured s) {
    String client = SECURED_CLIENT_LISTENER;
    props.put("inter.broker.listener.name", INTERNAL_LISTENER);
    props.put(
        "listeners",
        String.format(
            Locale.ROOT,
            "%s://%s:%d,%s://%s:%d,%s://%s:%d",
            client,
            HOST,
            port,
            INTERNAL_LISTENER,
            HOST,
            s.internalPort(),
            CONTROLLER_LISTENER,
            HOST,
            controllerPort));
    props.put(
        "advertised.listeners",
        client
            + "://"
            + bootstrapServers()
            + ","
            + INTERNAL_LISTENER
            + "://"
            + HOST
            + ":"
            + s.internalPort());
    props.put(
        "listener.security.protocol.map",
        client
            + ":SASL_SSL,"
            + INTERNAL_LISTENER
            + ":SASL_PLAINTEXT,"
            + CONTROLLER_LISTENER
            + ":SASL_PLAINTEXT");

    String clientPrefix = "listener.name." + client.toLowerCase(Locale.ROOT) + ".";
    props.put(clientPrefix + "sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
    props.put(
        clientPrefix + BrokerSecurity.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    props.put(clientPrefix + "ssl.keystore.type", "PKCS12");
    props.put(
        clientPrefix + "ssl.keystore.location",
        s.security().keyStore().toAbsolutePath().toString());
    props.put(clientPrefix + "ssl.keystore.password", s.security().keyStorePassword().value());
    props.put(clientPrefix + "ssl.key.password", s.security().keyStorePassword().value());

    for (String listener : new String[] {INTERNAL_LISTENER, CONTROLLER_LISTENER}) {
      String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
      props.put(prefix + "sasl.enabled.mechanisms", BROKER_MECHANISM);
      props.put(prefix + "plain.sasl.jaas.config", brokerJaas(s, true));
    }
    props.put("sasl.mechanism.inter.broker.protocol", BROKER_MECHANISM);
    props.put("sasl.mechanism.controller.protocol", BROKER_MECHANISM);

    props.put("authorizer.class.name", StandardAuthorizer.class.getName());
    props.put(StandardAuthorizer.SUPER_USERS_CONFIG, "User:" + BrokerSecurity.BROKER_USER);
  }
}
