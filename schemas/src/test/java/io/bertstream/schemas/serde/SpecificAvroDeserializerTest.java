package io.bertstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.testing.v1.Greeting;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SpecificAvroDeserializerTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(7);
  private final SpecificAvroSerializer<Greeting> serializer =
      new SpecificAvroSerializer<>(registry, SerdeConfig.DEFAULTS, false);
  private final SpecificAvroDeserializer<Greeting> deserializer =
      new SpecificAvroDeserializer<>(Greeting.class, registry);

  private byte[] written() {
    return serializer.serialize("greetings", new Greeting("g1", "hello"));
  }

  @Test
  void shouldReturnNullForNull() {
    assertThat(deserializer.deserialize("greetings", null)).isNull();
    assertThat(serializer.serialize("greetings", null)).isNull();
  }

  @Test
  void shouldRejectWrongMagicByteNamingTheTopic() {
    byte[] bytes = written();
    bytes[0] = 1;

    assertThatThrownBy(() -> deserializer.deserialize("greetings", bytes))
        .isInstanceOf(AvroDecodingException.class)
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("'greetings'")
        .hasMessageContaining("magic byte 1");
  }

  @Test
  void shouldRejectValueShorterThanHeader() {
    assertThatThrownBy(() -> deserializer.deserialize("greetings", new byte[] {0, 0, 0}))
        .isInstanceOf(AvroDecodingException.class)
        .hasMessageContaining("shorter than the 5-byte header");
  }

  @Test
  void shouldRejectUnknownSchemaIdWithTheId() {
    byte[] bytes = written();
    WireFormat.writeHeader(bytes, 999);

    assertThatThrownBy(() -> deserializer.deserialize("greetings", bytes))
        .isInstanceOfSatisfying(
            AvroDecodingException.class,
            e -> {
              assertThat(e.topic()).isEqualTo("greetings");
              assertThat(e.schemaId()).isEqualTo(999);
            })
        .hasMessageContaining("unknown schema id")
        .hasCauseInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void shouldRejectTruncatedBody() {
    byte[] bytes = written();
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);

    assertThatThrownBy(() -> deserializer.deserialize("greetings", truncated))
        .isInstanceOf(AvroDecodingException.class)
        .hasMessageContaining("schema id 7");
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] bytes = written();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);

    assertThatThrownBy(() -> deserializer.deserialize("greetings", longer))
        .isInstanceOf(AvroDecodingException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void shouldRejectNegativeStringLength() {
    // Header, then a string length of zig-zag 0x01 = -1.
    byte[] bytes = {0, 0, 0, 0, 7, 0x01, 'x'};
    registry.register("greetings-value", Greeting.getClassSchema());

    assertThatThrownBy(() -> deserializer.deserialize("greetings", bytes))
        .isInstanceOf(AvroDecodingException.class);
  }

  @Test
  void shouldFetchEachWriterSchemaOnce() {
    byte[] bytes = written();

    for (int i = 0; i < 100; i++) {
      assertThat(deserializer.deserialize("greetings", bytes).getText()).isEqualTo("hello");
    }

    assertThat(registry.schemaByIdCalls).hasValue(1);
  }

  @Test
  void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
    SpecificAvroSerializer<Greeting> lookupOnly =
        new SpecificAvroSerializer<>(registry, new SerdeConfig(false), false);

    assertThatThrownBy(() -> lookupOnly.serialize("greetings", new Greeting("g", "t")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("greetings-value");

    int id = registry.register("greetings-value", Greeting.getClassSchema());
    assertThat(WireFormat.schemaId(lookupOnly.serialize("greetings", new Greeting("g", "t"))))
        .isEqualTo(id);
  }
}
