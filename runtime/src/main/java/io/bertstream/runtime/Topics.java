package io.bertstream.runtime;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.serde.SerdeConfig;
import io.bertstream.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The project's typed topics. The Avro serdes share one registry client (and so its caches) and
 * come configured, ready for producers, consumers and Kafka Streams alike.
 */
public record Topics(
    Topic<String, RawDocument> docs,
    Topic<String, byte[]> docsDlq,
    Topic<String, PretrainingExample> examples,
    Topic<String, PretrainingExample> examplesEval) {

  /**
   * Builds the topics named by {@code connection.topics()}, with a registry client made from the
   * connection's registry URL and its pass-through properties ({@code basic.auth.*}, {@code
   * schema.registry.ssl.*}, {@code auto.register.schemas}, ...).
   */
  public static Topics create(KafkaConnection connection) {
    Map<String, Object> properties = connection.registryConfig();
    return create(
        connection.topics(), SchemaRegistryClient.create(properties), SerdeConfig.from(properties));
  }

  /** Builds the topics over an existing registry client. */
  public static Topics create(TopicNames names, SchemaRegistryClient registry, SerdeConfig config) {
    SpecificAvroSerde<PretrainingExample> examples =
        SpecificAvroSerde.forValues(PretrainingExample.class, registry, config);
    return new Topics(
        new Topic<>(
            names.docs(),
            Serdes.String(),
            SpecificAvroSerde.forValues(RawDocument.class, registry, config)),
        new Topic<>(names.docsDlq(), Serdes.String(), Serdes.ByteArray()),
        new Topic<>(names.examples(), Serdes.String(), examples),
        new Topic<>(names.examplesEval(), Serdes.String(), examples));
  }
}
