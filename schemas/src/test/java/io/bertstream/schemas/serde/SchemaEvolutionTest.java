package io.bertstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** v2 adds a defaulted field; each version reads the other's data through the writer's schema. */
class SchemaEvolutionTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(1);

  @Test
  void shouldFillDefaultWhenNewReaderReadsOldData() {
    var writer =
        new SpecificAvroSerializer<io.bertstream.schemas.testing.v1.Greeting>(
            registry, SerdeConfig.DEFAULTS, false);
    var reader =
        new SpecificAvroDeserializer<>(io.bertstream.schemas.testing.v2.Greeting.class, registry);

    var read =
        reader.deserialize(
            "t", writer.serialize("t", new io.bertstream.schemas.testing.v1.Greeting("g", "hi")));

    assertThat(read.getId()).isEqualTo("g");
    assertThat(read.getText()).isEqualTo("hi");
    assertThat(read.getLanguage()).isEqualTo("en");
  }

  @Test
  void shouldSkipNewFieldWhenOldReaderReadsNewData() {
    var writer =
        new SpecificAvroSerializer<io.bertstream.schemas.testing.v2.Greeting>(
            registry, SerdeConfig.DEFAULTS, false);
    var reader =
        new SpecificAvroDeserializer<>(io.bertstream.schemas.testing.v1.Greeting.class, registry);

    var read =
        reader.deserialize(
            "t",
            writer.serialize("t", new io.bertstream.schemas.testing.v2.Greeting("g", "hi", "fr")));

    assertThat(read.getId()).isEqualTo("g");
    assertThat(read.getText()).isEqualTo("hi");
  }
}
