package io.bertstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The two data contracts of DESIGN.md, as compiled from {@code src/main/avro}. */
class ContractsTest {

  private static final Instant WHEN = Instant.parse("2026-11-22T10:15:30.123Z");

  @Test
  void shouldRoundTripARawDocumentThroughAvroBinary() throws IOException {
    RawDocument document =
        RawDocument.newBuilder()
            .setId("sotu-1790")
            .setText("Fellow-Citizens of the Senate and House of Representatives:")
            .setSource("corpora/sotu.jsonl.gz")
            .setAttributes(Map.of("year", "1790", "president", "George Washington"))
            .setIngestedAt(WHEN)
            .build();

    assertThat(roundTrip(document, RawDocument.getClassSchema())).isEqualTo(document);
  }

  @Test
  void shouldRoundTripAPretrainingExampleThroughAvroBinary() throws IOException {
    PretrainingExample example =
        PretrainingExample.newBuilder()
            .setId("sotu-1790/0")
            .setDocId("sotu-1790")
            .setBDocId("sotu-1791")
            .setInputIds(List.of(2, 17, 4, 3, 21, 22, 3))
            .setSegmentBStart(4)
            .setMaskedPositions(List.of(2))
            .setMaskedLabels(List.of(18))
            .setIsRandomNext(true)
            .setTokenizerId("b77b09fc3ffa1173")
            .setCreatedAt(WHEN)
            .build();

    assertThat(roundTrip(example, PretrainingExample.getClassSchema())).isEqualTo(example);
  }

  @Test
  void shouldDefaultAttributesToAnEmptyMap() {
    RawDocument document =
        RawDocument.newBuilder()
            .setId("x")
            .setText("t")
            .setSource("http")
            .setIngestedAt(WHEN)
            .build();

    assertThat(document.getAttributes()).isEmpty();
  }

  @Test
  void shouldCarryTimestampsAsMillisecondInstants() {
    Schema ingestedAt = RawDocument.getClassSchema().getField("ingested_at").schema();
    Schema createdAt = PretrainingExample.getClassSchema().getField("created_at").schema();

    assertThat(ingestedAt.getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    assertThat(createdAt.getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    assertThat(RawDocument.newBuilder().setIngestedAt(WHEN).getIngestedAt()).isEqualTo(WHEN);
  }

  @Test
  void shouldNameTheFieldsAsTheDesignDoes() {
    assertThat(RawDocument.getClassSchema().getFields())
        .extracting(Schema.Field::name)
        .containsExactly("id", "text", "source", "attributes", "ingested_at");
    assertThat(PretrainingExample.getClassSchema().getFields())
        .extracting(Schema.Field::name)
        .containsExactly(
            "id",
            "doc_id",
            "b_doc_id",
            "input_ids",
            "segment_b_start",
            "masked_positions",
            "masked_labels",
            "is_random_next",
            "tokenizer_id",
            "created_at");
    assertThat(RawDocument.getClassSchema().getNamespace()).isEqualTo("io.bertstream.avro");
  }

  private static <T extends SpecificRecord> T roundTrip(T record, Schema schema)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<T>(schema).write(record, encoder);
    encoder.flush();
    return new SpecificDatumReader<T>(schema)
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }
}
