package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

  @TempDir Path dataDir;

  @Test
  void shouldCreateTheDefaultTopicsAndKeepThemAndTheirRecordsAcrossARestart() throws Exception {
    LocalStack.Config config = new LocalStack.Config(dataDir, 0, 0, 2);
    String clusterId;
    try (LocalStack stack = LocalStack.start(config)) {
      clusterId = stack.clusterId();
      KafkaConnection connection = stack.connection("bertstream");
      assertThat(describe(stack, connection.topics().all()).values())
          .hasSize(4)
          .allSatisfy(d -> assertThat(d.partitions()).hasSize(2));
      Records.produce(stack.bootstrapServers(), connection.topics().docs(), List.of("kept"));
    }
    assertThat(dataDir.resolve(LocalStack.KAFKA_DIR).resolve(EmbeddedKafka.LOG_DIR)).isDirectory();

    // Asking for other partition counts on restart leaves the existing topics as they are.
    try (LocalStack stack = LocalStack.start(new LocalStack.Config(dataDir, 0, 0, 5))) {
      assertThat(stack.clusterId()).isEqualTo(clusterId);
      assertThat(describe(stack, List.of("bertstream.docs")).get("bertstream.docs").partitions())
          .hasSize(2);
      assertThat(Records.consume(stack.bootstrapServers(), "bertstream.docs", 1))
          .containsExactly("kept");
    }
  }

  @Test
  void shouldCreateTheTopicsOfTheGivenPrefix() throws Exception {
    LocalStack.Config config = new LocalStack.Config(dataDir, 0, 0, 1);
    try (LocalStack stack = LocalStack.start(config, new TopicNames("custom"))) {
      assertThat(describe(stack, new TopicNames("custom").all())).hasSize(4);
      try (Admin admin = admin(stack)) {
        assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith("bertstream."));
      }
    }
  }

  @Test
  void shouldRefuseASecondStackOnTheSameDataDir() {
    try (LocalStack stack = LocalStack.start(new LocalStack.Config(dataDir, 0, 0, 1))) {
      assertThatThrownBy(() -> LocalStack.start(new LocalStack.Config(dataDir, 0, 0, 1)))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("in use");
      assertThat(stack.bootstrapServers()).startsWith("127.0.0.1:");
    }
  }

  @Test
  void shouldDefaultToTheDocumentedPortsAndTwelvePartitions() {
    LocalStack.Config config = LocalStack.Config.defaults(dataDir);

    assertThat(config.kafkaPort()).isEqualTo(9092);
    assertThat(config.registryPort()).isEqualTo(8081);
    assertThat(config.partitions()).isEqualTo(12);
  }

  @Test
  void shouldRejectInvalidConfig() {
    assertThatThrownBy(() -> new LocalStack.Config(dataDir, -1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafkaPort");
    assertThatThrownBy(() -> new LocalStack.Config(dataDir, 0, 65536, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registryPort");
    assertThatThrownBy(() -> new LocalStack.Config(dataDir, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions");
    assertThatThrownBy(() -> new LocalStack.Config(null, 0, 0, 1))
        .isInstanceOf(NullPointerException.class);
  }

  private static Map<String, TopicDescription> describe(LocalStack stack, List<String> topics)
      throws Exception {
    try (Admin admin = admin(stack)) {
      return admin.describeTopics(topics).allTopicNames().get();
    }
  }

  private static Admin admin(LocalStack stack) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }
}
