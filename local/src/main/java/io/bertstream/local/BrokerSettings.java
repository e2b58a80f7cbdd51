package io.bertstream.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * The configuration of the embedded single-node broker: one KRaft node that is both broker and
 * controller, listening on 127.0.0.1 only, with every internal topic sized for one replica.
 *
 * @param logDir where the broker keeps its logs and KRaft metadata
 * @param port the client (PLAINTEXT) port
 * @param controllerPort the KRaft controller port; only this node talks to it
 */
record BrokerSettings(Path logDir, int port, int controllerPort) {

  static final int NODE_ID = 1;
  static final String HOST = "127.0.0.1";
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final String CLIENT_LISTENER = "PLAINTEXT";

  BrokerSettings {
    Objects.requireNonNull(logDir, "logDir");
    requirePort(port, "port");
    requirePort(controllerPort, "controllerPort");
    if (port == controllerPort) {
      throw new IllegalArgumentException("port and controllerPort must differ: " + port);
    }
  }

  private static void requirePort(int port, String name) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be in 1..65535: " + port);
    }
  }

  String bootstrapServers() {
    return HOST + ":" + port;
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

    // Small footprint: the broker shares the JVM with the pipeline or the tests.
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("background.threads", "2");
    props.put("num.recovery.threads.per.data.dir", "1");
    props.put("log.cleaner.threads", "1");
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    return props;
  }
}
