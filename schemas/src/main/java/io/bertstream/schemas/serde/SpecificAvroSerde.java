package io.bertstream.schemas.serde;

import io.bertstream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer} together, for Kafka Streams.
 * Streams does not configure serdes handed to {@code Consumed}/{@code Produced}, so build those
 * with a client (as {@code io.bertstream.runtime.Topics} does); the one-argument constructor is for
 * serdes that Kafka configures itself.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  public SpecificAvroSerde(Class<T> type) {
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>(type);
  }

  public SpecificAvroSerde(
      Class<T> type, SchemaRegistryClient client, SerdeConfig config, boolean isKey) {
    this.serializer = new SpecificAvroSerializer<>(client, config, isKey);
    this.deserializer = new SpecificAvroDeserializer<>(type, client);
  }

  /** A value serde sharing {@code client} (and so its caches) with the caller. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> forValues(
      Class<T> type, SchemaRegistryClient client, SerdeConfig config) {
    return new SpecificAvroSerde<>(type, client, config, false);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
