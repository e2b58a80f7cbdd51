package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.KafkaConnection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The trainer's Kafka consumers. */
public final class ExampleConsumers {

  private ExampleConsumers() {}

  /**
   * A consumer of examples for manual assignment: committed data only, no group, no auto-commit
   * (the checkpoint, not the group, says where to resume).
   */
  public static Consumer<String, PretrainingExample> examples(
      KafkaConnection connection, Deserializer<PretrainingExample> values, String clientId) {
    Map<String, Object> config = connection.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(config, new StringDeserializer(), values);
  }

  /** A consumer used only to commit the trained offsets to {@code groupId}, for monitoring. */
  public static Consumer<byte[], byte[]> committer(KafkaConnection connection, String groupId) {
    Map<String, Object> config = connection.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-committer");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
