package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.schemas.serde.SpecificAvroSerde;
import org.junit.jupiter.api.Test;

class TopicsTest {

  private final Topics topics =
      Topics.create(KafkaConnection.of("127.0.0.1:9", "http://127.0.0.1:9").withTopicPrefix("p"));

  @Test
  void shouldNameEveryTopicFromThePrefix() {
    assertThat(topics.docs().name()).isEqualTo("p.docs");
    assertThat(topics.docsDlq().name()).isEqualTo("p.docs.dlq");
    assertThat(topics.examples().name()).isEqualTo("p.examples");
    assertThat(topics.examplesEval().name()).isEqualTo("p.examples.eval");
  }

  @Test
  void shouldUseAvroForRecordsAndRawBytesForTheDeadLetters() {
    assertThat(topics.docs().valueSerde()).isInstanceOf(SpecificAvroSerde.class);
    assertThat(topics.examples().valueSerde()).isInstanceOf(SpecificAvroSerde.class);
    byte[] payload = {1, 2, 3};
    assertThat(topics.docsDlq().valueSerde().serializer().serialize("t", payload))
        .isEqualTo(payload);
  }

  @Test
  void shouldPassNullsThroughWithoutCallingTheRegistry() {
    assertThat(topics.docs().valueSerde().serializer().serialize("p.docs", null)).isNull();
    assertThat(topics.examples().valueSerde().deserializer().deserialize("p.examples", null))
        .isNull();
  }
}
