package io.bertstream.local;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process single-node KRaft Kafka broker (broker and controller in one node) on 127.0.0.1.
 *
 * <p>The first start formats {@code dataDir}; later starts on the same directory keep the cluster
 * id, topics and records. {@link #start} returns once the broker answers clients; {@link #close}
 * returns once it has shut down and released the directory.
 *
 * <p>Layout of {@code dataDir}: {@code broker.lock} (held while running) and {@code logs/} (the
 * broker's log directory: {@code meta.properties}, the {@code __cluster_metadata-0} KRaft log and
 * one folder per topic partition).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final int BIND_ATTEMPTS = 3;
  static final String LOG_DIR = "logs";
  static final String LOCK_FILE = "broker.lock";

  private final BrokerSettings settings;
  private final String clusterId;
  private final KafkaRaftServer server;
  private final DataDirLock lock;
  private boolean closed;

  private EmbeddedKafka(
      BrokerSettings settings, String clusterId, KafkaRaftServer server, DataDirLock lock) {
    this.settings = settings;
    this.clusterId = clusterId;
    this.server = server;
    this.lock = lock;
  }

  /**
   * Starts a broker keeping its data in {@code dataDir} and serving clients on {@code port} (0 = a
   * free port), and waits until it accepts clients.
   *
   * @throws LocalStackException when the port is taken, the directory is used by another broker, or
   *     the broker does not become ready
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    return start(dataDir, port, BrokerSecurity.none());
  }

  /**
   * Like {@link #start(Path, int)}, serving clients as {@code security} says: secured, the broker
   * has the users and ACLs it names before this returns.
   */
  public static EmbeddedKafka start(Path dataDir, int port, BrokerSecurity security) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(security, "security");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    DataDirLock lock = DataDirLock.acquire(dataDir, LOCK_FILE);
    try {
      int clientPort = Ports.resolve(port, "Kafka");
      for (int attempt = 1; ; attempt++) {
        BrokerSettings settings = settings(dataDir, clientPort, security);
        String clusterId = StorageFormat.ensureFormatted(settings);
        KafkaRaftServer server;
        try {
          server = startServer(settings);
        } catch (PortTakenException e) {
          // Free ports we picked can be taken by another process before the broker binds them.
          if (attempt >= BIND_ATTEMPTS) {
            throw e;
          }
          log.info("A port was taken before the broker bound it; retrying with fresh ports");
          clientPort = port == 0 ? Ports.free() : clientPort;
          continue;
        }
        return ready(new EmbeddedKafka(settings, clusterId, server, lock), dataDir, security);
      }
    } catch (RuntimeException e) {
      closeLock(lock, e);
      throw e;
    }
  }

  private static BrokerSettings settings(Path dataDir, int clientPort, BrokerSecurity security) {
    int controllerPort = freePortOtherThan(clientPort);
    BrokerSettings plain = new BrokerSettings(dataDir.resolve(LOG_DIR), clientPort, controllerPort);
    if (!security.enabled()) {
      return plain;
    }
    int internalPort = freePortOtherThan(clientPort, controllerPort);
    return plain.securedBy(security, internalPort, brokerPassword());
  }

  private static int freePortOtherThan(int... taken) {
    while (true) {
      int free = Ports.free();
      if (Arrays.stream(taken).noneMatch(port -> port == free)) {
        return free;
      }
    }
  }

  /** The broker principal's password: new at each start, known only to this process. */
  private static Password brokerPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return new Password(HexFormat.of().formatHex(bytes));
  }

  private static EmbeddedKafka ready(EmbeddedKafka kafka, Path dataDir, BrokerSecurity security) {
    try {
      kafka.awaitReady(READY_TIMEOUT);
      if (security.enabled()) {
        try (Admin admin = Admin.create(kafka.superUserConfig())) {
          new BrokerSecuritySetup(admin, READY_TIMEOUT).apply(security);
        }
      }
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    log.info(
        "Kafka broker ready at {} (cluster {}, data in {})",
        kafka.bootstrapServers(),
        kafka.clusterId(),
        dataDir);
    return kafka;
  }

  static KafkaRaftServer startServer(BrokerSettings settings) {
    KafkaConfig config = KafkaConfig.fromProps(settings.toProperties(), false);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
      return server;
    } catch (RuntimeException e) {
      // startup() leaves the controller running when the broker half fails.
      stopServer(server);
      if (isBindFailure(e)) {
        // Taken between our check and the broker's bind.
        throw new PortTakenException(
            "Kafka port "
                + settings.port()
                + " or controller port "
                + settings.controllerPort()
                + " on 127.0.0.1 is already in use",
            e);
      }
      throw new LocalStackException(
          "the embedded Kafka broker failed to start on " + settings.bootstrapServers(), e);
    }
  }

  /** The broker could not bind one of its ports. */
  static final class PortTakenException extends LocalStackException {
    PortTakenException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private void awaitReady(Duration timeout) {
    Map<String, Object> config = superUserConfig();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(config)) {
      DescribeClusterResult cluster = admin.describeCluster();
      String seenClusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!clusterId.equals(seenClusterId)) {
        throw new LocalStackException(
            "broker at "
                + settings.bootstrapServers()
                + " reports cluster "
                + seenClusterId
                + ", expected "
                + clusterId
                + "; is another broker on that port?");
      }
      cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new LocalStackException(
          "the embedded Kafka broker at " + settings.bootstrapServers() + " did not become ready",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("interrupted while waiting for the embedded broker", e);
    }
  }

  /** {@code 127.0.0.1:PORT}: the client listener, SASL_SSL when secured. */
  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  /**
   * A fresh client configuration with every right, for setting the broker up (topics, ACLs): the
   * broker's own principal on its internal listener when secured, else the client listener. It
   * holds the broker's password (as a {@link org.apache.kafka.common.config.types.Password}).
   */
  public Map<String, Object> superUserConfig() {
    return settings.superUserConfig();
  }

  public int port() {
    return settings.port();
  }

  /** The KRaft cluster id, fixed when the data dir was first formatted. */
  public String clusterId() {
    return clusterId;
  }

  /**
   * Stops the broker and waits for it; safe to call more than once and from several threads (a
   * shutdown hook and the main thread): every caller returns only once the broker is down.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("Stopping Kafka broker at {}", settings.bootstrapServers());
    try {
      stopServer(server);
    } finally {
      closeLock(lock, null);
    }
  }

  private static void stopServer(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private static void closeLock(DataDirLock lock, RuntimeException primary) {
    try {
      lock.close();
    } catch (IOException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      } else {
        log.warn("Could not release the data dir lock", e);
      }
    }
  }
}
