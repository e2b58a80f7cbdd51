package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @TempDir Path dataDir;

  @Test
  void shouldKeepClusterIdTopicsAndRecordsWhenRestartedOnTheSameDataDir() throws Exception {
    String clusterId;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
      clusterId = kafka.clusterId();
      try (Admin admin = admin(kafka)) {
        admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get();
      }
      Records.produce(kafka.bootstrapServers(), "kept", List.of("a", "b", "c"));
      assertThat(Records.consume(kafka.bootstrapServers(), "kept", 3))
          .containsExactlyInAnyOrder("a", "b", "c");
    }

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      assertThat(kafka.clusterId()).isEqualTo(clusterId);
      try (Admin admin = admin(kafka)) {
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
        assertThat(admin.listTopics().names().get()).contains("kept");
        assertThat(admin.describeTopics(List.of("kept")).allTopicNames().get())
            .extractingByKey("kept")
            .satisfies(d -> assertThat(d.partitions()).hasSize(3));
      }
      Records.produce(kafka.bootstrapServers(), "kept", List.of("d"));
      assertThat(Records.consume(kafka.bootstrapServers(), "kept", 4))
          .containsExactlyInAnyOrder("a", "b", "c", "d");
    }
  }

  @Test
  void shouldRefuseASecondBrokerOnADataDirInUse() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, 0))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("data dir " + dataDir)
          .hasMessageContaining("in use");
      // The refused start must not disturb the running broker.
      assertThat(kafka.clusterId()).isNotBlank();
      try (Admin admin = admin(kafka)) {
        assertThat(admin.describeCluster().nodes().get()).hasSize(1);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void shouldNameThePortWhenItIsAlreadyInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, port))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("already in use");
    }
    // The failed start released the data dir.
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      assertThat(kafka.port()).isPositive();
    }
  }

  @Test
  void shouldNameThePortWhenItIsTakenBetweenTheCheckAndTheBrokersBind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      BrokerSettings settings =
          new BrokerSettings(dataDir.resolve("logs"), taken.getLocalPort(), Ports.free());
      StorageFormat.ensureFormatted(settings);

      assertThatThrownBy(() -> EmbeddedKafka.startServer(settings))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("already in use");
    }
  }

  @Test
  void shouldRestartOnTheSamePortAfterClosingTwice() {
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
    kafka.close();
    kafka.close();
    // The data dir and the port are free again once close returned.
    try (EmbeddedKafka again = EmbeddedKafka.start(dataDir, kafka.port())) {
      assertThat(again.clusterId()).isEqualTo(kafka.clusterId());
      assertThat(again.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
    }
  }

  @Test
  void shouldLeaveNoNonDaemonThreadsRunningOnceClosed() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    EmbeddedKafka.start(dataDir, 0).close();

    // A leftover non-daemon thread would keep `local up` alive after it stopped the broker.
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
        .extracting(Thread::getName)
        .isEmpty();
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
