package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.KafkaConnection;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedStackExtensionTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @Test
  void shouldCreateTheFourProjectTopicsWithTwelvePartitionsByDefault() throws Exception {
    KafkaConnection connection = STACK.connection("ext-default");

    assertThat(connection.bootstrapServers()).isEqualTo(STACK.bootstrapServers());
    assertThat(connection.topics().prefix()).isEqualTo("ext-default");
    Map<String, TopicDescription> topics =
        STACK.admin().describeTopics(connection.topics().all()).allTopicNames().get();
    assertThat(topics.keySet())
        .containsExactlyInAnyOrder(
            "ext-default.docs",
            "ext-default.docs.dlq",
            "ext-default.examples",
            "ext-default.examples.eval");
    assertThat(topics.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(12));
  }

  @Test
  void shouldCreateTopicsWithTheAskedPartitionCount() throws Exception {
    KafkaConnection connection = STACK.connection("ext-three", 3);

    Map<String, TopicDescription> topics =
        STACK.admin().describeTopics(connection.topics().all()).allTopicNames().get();
    assertThat(topics.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
  }

  @Test
  void shouldProduceAndConsumeThroughTheConnectionsClientConfig() throws Exception {
    KafkaConnection connection = STACK.connection("ext-roundtrip", 2);
    String topic = connection.topics().docs();

    Map<String, Object> producerConfig = connection.clientConfig();
    producerConfig.putAll(Records.producerConfig(connection.bootstrapServers()));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
      }
    }

    assertThat(Records.consume(connection.bootstrapServers(), topic, 10))
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 10).mapToObj(i -> "value-" + i).toList());
  }
}
