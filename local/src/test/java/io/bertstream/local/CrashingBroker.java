package io.bertstream.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: starts a broker, writes records, says "ready"
 * and waits to be killed.
 */
public final class CrashingBroker {

  private CrashingBroker() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String topic = args[1];
    int count = Integer.parseInt(args[2]);
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Records.produce(
        kafka.bootstrapServers(),
        topic,
        IntStream.range(0, count).mapToObj(i -> "record-" + i).toList());
    System.out.println("ready");
    System.out.flush();
    // Never closes the broker: the parent kills this JVM.
    System.in.read();
  }
}
