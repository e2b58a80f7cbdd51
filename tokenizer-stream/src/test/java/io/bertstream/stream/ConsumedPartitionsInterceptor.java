package io.bertstream.stream;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * In a {@link FaultChild}'s main consumer: reports each input partition the first time this
 * instance receives records from it, so a test knows the instance did work, not only held tasks.
 */
public final class ConsumedPartitionsInterceptor implements ConsumerInterceptor<byte[], byte[]> {

  private final Set<TopicPartition> reported = new HashSet<>();

  @Override
  public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      if (reported.add(partition)) {
        System.out.println(FaultChildProtocol.CONSUMED + partition);
        System.out.flush();
      }
    }
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
