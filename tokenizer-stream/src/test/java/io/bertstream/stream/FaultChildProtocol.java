package io.bertstream.stream;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How a test talks to a {@link FaultChild}: the child prints lines starting with {@value #MARK} on
 * stdout; the test steers it through files in the child's control directory, which the child's
 * interceptors find through the client configuration key {@value #CONTROL_DIR}.
 */
final class FaultChildProtocol {

  /** Every report line of a child starts with this. */
  static final String MARK = "fault-child ";

  static final String RUNNING = MARK + "running";
  static final String CONSUMED = MARK + "consumed ";
  static final String PAUSED = MARK + "paused acked=";

  /** Custom client settings: Kafka Streams hands keys it does not know to every client. */
  static final String CONTROL_DIR = "bertstream.fault.control-dir";

  static final String EXAMPLE_TOPICS = "bertstream.fault.example-topics";

  /** Holds N: pause the N-th example sent after the file appeared, once. */
  static final String ARM_FILE = "arm";

  /** The arm file after it fired, so a producer created again does not pause again. */
  static final String FIRED_FILE = "fired";

  /** Lets a paused child go on. */
  static final String RESUME_FILE = "resume";

  private FaultChildProtocol() {}

  static Path arm(Path controlDir) {
    return controlDir.resolve(ARM_FILE);
  }

  static Path fired(Path controlDir) {
    return controlDir.resolve(FIRED_FILE);
  }

  static Path resume(Path controlDir) {
    return controlDir.resolve(RESUME_FILE);
  }

  /** {@code topic-partition@offset,...}: the last acknowledged example offset per partition. */
  static String formatAcked(Map<TopicPartition, Long> acked) {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<TopicPartition, Long> entry : acked.entrySet()) {
      if (!line.isEmpty()) {
        line.append(',');
      }
      line.append(entry.getKey()).append('@').append(entry.getValue());
    }
    return line.toString();
  }

  static Map<TopicPartition, Long> parseAcked(String line) {
    Map<TopicPartition, Long> acked = new LinkedHashMap<>();
    String list = line.substring(line.indexOf(PAUSED) + PAUSED.length()).strip();
    if (list.isEmpty()) {
      return acked;
    }
    for (String item : list.split(",")) {
      int at = item.lastIndexOf('@');
      acked.put(partition(item.substring(0, at)), Long.parseLong(item.substring(at + 1)));
    }
    return acked;
  }

  /** Parses {@link TopicPartition#toString()}: the topic, a dash, the partition. */
  static TopicPartition partition(String text) {
    int dash = text.lastIndexOf('-');
    return new TopicPartition(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1)));
  }
}
