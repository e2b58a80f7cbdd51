package io.bertstream.ingestor.publish;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The ingestor's producer settings: durable ({@code acks=all}, idempotent), compressed and batched.
 * User-supplied client properties win over these, except the ones that make delivery safe.
 */
public final class ProducerSettings {

  /** Room above the largest document for the key, headers and batch framing. */
  private static final int RECORD_OVERHEAD = 1024 * 1024;

  private ProducerSettings() {}

  /**
   * Fills {@code config} (the connection's client configuration) for bulk ingestion.
   *
   * @param clientId distinct per producer, so their metrics do not collide
   * @param maxDocBytes the largest document; requests must fit one
   * @param lingerMs how long to wait to fill batches: high for files, low for HTTP latency
   */
  public static Map<String, Object> apply(
      Map<String, Object> config, String clientId, int maxDocBytes, int lingerMs) {
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
    // Well under the brokers' default 1 MiB message.max.bytes even when zstd compresses worse
    // than the producer's estimate (an oversized batch would be split and re-sequenced).
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    // One request in flight: a batch retried after NOT_LEADER_OR_FOLLOWER (a partition moving,
    // or just created) can then never be overtaken by the next batch of its partition, which a
    // broker without state for this producer would accept, leaving the retry out of sequence
    // until it expires. Seen on freshly created topics; requests still carry every partition.
    config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    int maxRequest = maxDocBytes + RECORD_OVERHEAD;
    config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequest));
    config.putIfAbsent(
        ProducerConfig.BUFFER_MEMORY_CONFIG,
        Long.toString(Math.max(64L * 1024 * 1024, 4L * maxRequest)));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }
}
