package io.bertstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.RawDocument;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the bytes on the wire, written out by hand from the Confluent and Avro specifications. */
class WireFormatTest {

  private static final int SCHEMA_ID = 0x01020304;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(SCHEMA_ID);
  private final SpecificAvroSerde<RawDocument> serde =
      SpecificAvroSerde.forValues(RawDocument.class, registry, SerdeConfig.DEFAULTS);

  @Test
  void shouldWriteMagicByteBigEndianIdThenAvroBinary() {
    RawDocument doc =
        RawDocument.newBuilder()
            .setId("a")
            .setText("b")
            .setSource("c")
            .setAttributes(Map.of("k", "v"))
            .setIngestedAt(Instant.ofEpochMilli(1))
            .build();

    byte[] bytes = serde.serializer().serialize("docs", doc);

    assertThat(bytes)
        .containsExactly(
            0x00, // magic byte
            0x01, 0x02, 0x03, 0x04, // schema id, big-endian
            0x02, 'a', // id: zig-zag length 1, then UTF-8
            0x02, 'b', // text
            0x02, 'c', // source
            0x02, 0x02, 'k', 0x02, 'v', 0x00, // attributes: one-entry block, end block
            0x02); // ingested_at: zig-zag long 1
    assertThat(registry.subjects()).containsExactly("docs-value");
  }

  @Test
  void shouldReadBackWhatItWrote() {
    RawDocument doc =
        RawDocument.newBuilder()
            .setId("id-1")
            .setText("Fellow citizens — ünïcödé")
            .setSource("sotu.jsonl:1")
            .setAttributes(Map.of("year", "1790"))
            .setIngestedAt(Instant.ofEpochMilli(1_700_000_000_123L))
            .build();

    RawDocument read =
        serde.deserializer().deserialize("docs", serde.serializer().serialize("docs", doc));

    assertThat(read).isEqualTo(doc);
  }

  @Test
  void shouldEncodeIdsAboveSignedByteRangeUnsigned() {
    byte[] header = new byte[WireFormat.HEADER_SIZE];
    WireFormat.writeHeader(header, 0x80FF7F01);

    assertThat(header).containsExactly(0x00, 0x80, 0xFF, 0x7F, 0x01);
    assertThat(WireFormat.schemaId(header)).isEqualTo(0x80FF7F01);
  }

  @Test
  void shouldNameSubjectsAfterTopicAndSide() {
    assertThat(WireFormat.subject("bertstream.docs", false)).isEqualTo("bertstream.docs-value");
    assertThat(WireFormat.subject("bertstream.docs", true)).isEqualTo("bertstream.docs-key");
  }
}
