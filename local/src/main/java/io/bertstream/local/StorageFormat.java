package io.bertstream.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats a KRaft log directory once and reads back its cluster id afterwards, so that a restart on
 * the same directory joins the same cluster with its topics and records.
 */
final class StorageFormat {

  static final String META_PROPERTIES = "meta.properties";

  private StorageFormat() {}

  /** Formats {@code settings.logDir()} unless it already is; returns the cluster id either way. */
  static String ensureFormatted(BrokerSettings settings) {
    Path logDir = settings.logDir();
    Path meta = logDir.resolve(META_PROPERTIES);
    if (Files.exists(meta)) {
      return readClusterId(meta);
    }
    String clusterId = Uuid.randomUuid().toString();
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(BrokerSettings.NODE_ID)
          .setClusterId(clusterId)
          .setControllerListenerName(BrokerSettings.CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .addDirectory(logDir.toAbsolutePath().toString())
          .run();
    } catch (Exception e) {
      throw new LocalStackException("cannot format the Kafka data directory " + logDir, e);
    }
    return clusterId;
  }

  static String readClusterId(Path meta) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      props.load(in);
    } catch (IOException e) {
      throw new LocalStackException("cannot read " + meta, e);
    }
    String clusterId = props.getProperty("cluster.id");
    if (clusterId == null || clusterId.isBlank()) {
      throw new LocalStackException(meta + " has no cluster.id; delete the data dir to start over");
    }
    return clusterId;
  }
}
