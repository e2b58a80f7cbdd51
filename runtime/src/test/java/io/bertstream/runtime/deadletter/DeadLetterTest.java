package io.bertstream.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void shouldWriteTheFourHeadersUnderTheirContractNames() {
    DeadLetter letter =
        new DeadLetter(
            DeadLetterStage.TOKENIZE, DeadLetterReason.EMPTY_TEXT, "no text", "docs-3@17");

    Headers headers = letter.headers();

    assertThat(header(headers, "bertstream.dlq.reason")).isEqualTo("empty_text");
    assertThat(header(headers, "bertstream.dlq.detail")).isEqualTo("no text");
    assertThat(header(headers, "bertstream.dlq.source")).isEqualTo("docs-3@17");
    assertThat(header(headers, "bertstream.dlq.stage")).isEqualTo("tokenize");
    assertThat(headers.toArray()).hasSize(4);
  }

  @Test
  void shouldReadBackWhatItWrote() {
    DeadLetter letter =
        new DeadLetter(DeadLetterStage.INGEST, DeadLetterReason.TOO_LARGE, "9 MiB", "a.txt:3");

    assertThat(DeadLetter.read(letter.headers())).contains(letter);
    assertThat(DeadLetter.read(new RecordHeaders())).isEmpty();
  }

  @Test
  void shouldCutThePayloadAndTheDetailButKeepTheKey() {
    String longDetail = "x".repeat(DeadLetter.MAX_DETAIL_CHARS + 5);
    DeadLetter letter =
        new DeadLetter(DeadLetterStage.INGEST, DeadLetterReason.BINARY, longDetail, "f.bin");

    ProducerRecord<String, byte[]> record =
        letter.toProducerRecord("p.docs.dlq", "key-1", new byte[] {1, 2, 3, 4, 5}, 3);

    assertThat(record.topic()).isEqualTo("p.docs.dlq");
    assertThat(record.key()).isEqualTo("key-1");
    assertThat(record.value()).containsExactly(1, 2, 3);
    assertThat(letter.detail()).hasSize(DeadLetter.MAX_DETAIL_CHARS);
    assertThat(header(record.headers(), DeadLetter.REASON_HEADER)).isEqualTo("binary");
  }

  @Test
  void shouldPassShortAndNullPayloadsThroughUntouched() {
    byte[] payload = {7, 8};
    assertThat(DeadLetter.truncate(payload, 2)).isSameAs(payload);
    assertThat(DeadLetter.truncate(null, 2)).isNull();
    assertThatThrownBy(() -> DeadLetter.truncate(payload, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTreatAMissingDetailAsEmpty() {
    DeadLetter letter =
        new DeadLetter(DeadLetterStage.TOKENIZE, DeadLetterReason.EMPTY_RECORD, null, "t-0@1");

    assertThat(header(letter.headers(), DeadLetter.DETAIL_HEADER)).isEmpty();
  }

  @Test
  void shouldRefuseAReasonItsStageDoesNotGive() {
    assertThatThrownBy(
            () -> new DeadLetter(DeadLetterStage.INGEST, DeadLetterReason.TOO_SHORT, "", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingest")
        .hasMessageContaining("too_short");
    assertThatThrownBy(
            () ->
                DeadLetterMetrics.counter(
                    new SimpleMeterRegistry(), DeadLetterStage.TRAIN, DeadLetterReason.BINARY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveEveryReasonAUniqueSnakeCaseCodeThatReadsBack() {
    Set<String> codes = new HashSet<>();
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      assertThat(reason.code()).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
      assertThat(codes.add(reason.code())).as(reason.code()).isTrue();
      assertThat(DeadLetterReason.ofCode(reason.code())).isEqualTo(reason);
    }
    assertThatThrownBy(() -> DeadLetterReason.ofCode("empty-text"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveEveryReasonToExactlyOneStage() {
    Set<DeadLetterReason> seen = EnumSet.noneOf(DeadLetterReason.class);
    for (DeadLetterStage stage : DeadLetterStage.values()) {
      for (DeadLetterReason reason : stage.reasons()) {
        assertThat(seen.add(reason)).as(reason.code()).isTrue();
      }
      assertThat(DeadLetterStage.ofCode(stage.code())).isEqualTo(stage);
    }
    assertThat(seen).containsExactlyInAnyOrder(DeadLetterReason.values());
  }

  @Test
  void shouldCountByStageAndReasonUnderOneName() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DeadLetterMetrics.counter(registry, DeadLetterStage.INGEST, DeadLetterReason.BINARY)
        .increment();
    DeadLetterMetrics.counter(registry, DeadLetterStage.INGEST, DeadLetterReason.BINARY)
        .increment();

    assertThat(
            registry
                .get(DeadLetterMetrics.NAME)
                .tag("stage", "ingest")
                .tag("reason", "binary")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void shouldKeepThePublishedCodesOfEveryStage() {
    // What docs/ingestor.md, docs/tokenizer-stream.md and docs/trainer.md list; consumers filter
    // and alert on these strings, so changing one is a breaking change.
    assertThat(codes(DeadLetterStage.INGEST))
        .containsExactly(
            "invalid_utf8",
            "binary",
            "too_large",
            "malformed_json",
            "missing_text",
            "unreadable",
            "corrupt_compression");
    assertThat(codes(DeadLetterStage.TOKENIZE))
        .containsExactly(
            "undecodable",
            "empty_record",
            "empty_text",
            "tokenizer_failure",
            "too_short",
            "undecodable_key",
            "processing_failure",
            "unproducible",
            "unserializable");
    assertThat(codes(DeadLetterStage.TRAIN))
        .containsExactly(
            "empty_example",
            "too_long",
            "id_out_of_vocabulary",
            "mask_lengths_differ",
            "mask_out_of_range",
            "segment_out_of_range");
  }

  private static List<String> codes(DeadLetterStage stage) {
    return stage.reasons().stream().map(DeadLetterReason::code).toList();
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
