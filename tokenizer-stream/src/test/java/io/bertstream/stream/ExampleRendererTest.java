package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleRendererTest {

  private static final List<String> VOCAB =
      List.of(
          "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "union", "is", "strong", "river");

  private static PretrainingExample example(boolean randomNext) {
    return PretrainingExample.newBuilder()
        .setId("d/0")
        .setDocId("d")
        .setBDocId(randomNext ? "e" : "d")
        .setInputIds(List.of(2, 5, 4, 3, 7, 9, 3))
        .setSegmentBStart(4)
        .setMaskedPositions(List.of(2, 4, 5))
        .setMaskedLabels(List.of(6, 7, 8))
        .setIsRandomNext(randomNext)
        .setTokenizerId("abc123")
        .setCreatedAt(Instant.EPOCH)
        .build();
  }

  @Test
  void shouldShowSegmentsMasksAndTheNspLabel() {
    String text = new ExampleRenderer(VOCAB::get).render(example(true));
    assertThat(text.lines())
        .containsExactly(
            "d/0  doc d  NSP random-next (B from e)  7 tokens  3 masked  tokenizer abc123",
            "  A: [CLS] the {[MASK]:union} [SEP]",
            "  B: {is:is} {river:strong} [SEP]");
  }

  @Test
  void shouldSayTrueNextAndFallBackToIdsWithoutAVocabulary() {
    String text = ExampleRenderer.idsOnly().render(example(false));
    assertThat(text).contains("NSP true-next").contains("A: #2 #5 {#4:#6} #3");
  }
}
