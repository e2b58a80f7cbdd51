package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.Topics;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The topics the topology reads and writes, with the (de)serializers it needs. Documents are read
 * as bytes and decoded inside the topology, so that an undecodable record goes to the DLQ in the
 * same transaction as everything else.
 */
public record StreamTopics(
    String docs,
    Deserializer<RawDocument> documentDeserializer,
    String examples,
    String examplesEval,
    Serializer<PretrainingExample> exampleSerializer,
    String docsDlq) {

  public StreamTopics {
    Objects.requireNonNull(docs, "docs");
    Objects.requireNonNull(documentDeserializer, "documentDeserializer");
    Objects.requireNonNull(examples, "examples");
    Objects.requireNonNull(examplesEval, "examplesEval");
    Objects.requireNonNull(exampleSerializer, "exampleSerializer");
    Objects.requireNonNull(docsDlq, "docsDlq");
  }

  /** The project's typed topics (registry-backed Avro serdes). */
  public static StreamTopics from(Topics topics) {
    return new StreamTopics(
        topics.docs().name(),
        topics.docs().valueSerde().deserializer(),
        topics.examples().name(),
        topics.examplesEval().name(),
        topics.examples().valueSerde().serializer(),
        topics.docsDlq().name());
  }
}
