package io.bertstream.runtime.topic;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Receives a snapshot's records, partition after partition, each in offset order. */
@FunctionalInterface
public interface SnapshotSink<K, V> {

  /**
   * @return whether the record was taken; only taken records count toward the limits (a sink passes
   *     over tombstones or records it finds invalid)
   */
  boolean accept(ConsumerRecord<K, V> record);
}
