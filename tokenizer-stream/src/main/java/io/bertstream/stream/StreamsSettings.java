package io.bertstream.stream;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the tokenizer stream. */
public final class StreamsSettings {

  private StreamsSettings() {}

  /**
   * The user's client properties first (security, SASL, SSL pass through), then what this app needs
   * and must not be overridden: exactly-once, its application id and its error handlers.
   */
  public static Properties properties(TokenizerStreamConfig config, StreamMetrics metrics) {
    Properties properties = new Properties();
    Map<String, Object> client = config.connection().clientConfig();
    properties.putAll(client);
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    properties.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        CountingDeserializationExceptionHandler.class);
    properties.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        ResilientProductionExceptionHandler.class);
    properties.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        CountingProcessingExceptionHandler.class);
    properties.put(HandlerMetrics.CONFIG_KEY, metrics);
    if (config.stateDir() != null) {
      properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    }
    // Examples are small and numerous: batch and compress them.
    properties.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
    properties.putIfAbsent(
        StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    return properties;
  }
}
