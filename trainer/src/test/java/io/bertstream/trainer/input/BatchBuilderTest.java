package io.bertstream.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

  @Test
  void shouldPadToTheLongestExampleAndMarkPaddingWithZeroWeights() {
    PretrainingExample shortOne = example(List.of(2, 7, 3, 8, 3), 3, List.of(1), List.of(9), true);
    PretrainingExample longOne =
        example(List.of(2, 7, 4, 3, 8, 4, 3), 4, List.of(2, 5), List.of(6, 10), false);
    Batch batch =
        new BatchBuilder(0)
            .build(
                new RoundRobinComposer.Composed(
                    List.of(
                        new FetchedExample(3, 17, shortOne), new FetchedExample(1, 40, longOne)),
                    2));

    assertThat(batch.size()).isEqualTo(2);
    assertThat(batch.sequenceLength()).isEqualTo(7);
    assertThat(batch.predictions()).isEqualTo(2);
    assertThat(batch.inputIds()).containsExactly(2, 7, 3, 8, 3, 0, 0, 2, 7, 4, 3, 8, 4, 3);
    assertThat(batch.tokenTypeIds()).containsExactly(0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1);
    assertThat(batch.attentionMask()).containsExactly(1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1);
    assertThat(batch.maskedPositions()).containsExactly(1, 0, 2, 5);
    assertThat(batch.maskedLabels()).containsExactly(9, 0, 6, 10);
    assertThat(batch.maskedWeights()).containsExactly(1f, 0f, 1f, 1f);
    assertThat(batch.maskedTokens()).isEqualTo(3);
    assertThat(batch.nextSentenceLabels()).containsExactly(1, 0);
    assertThat(batch.tokens()).isEqualTo(12);
    assertThat(batch.offsets())
        .containsEntry(3, new OffsetRange(17, 17))
        .containsEntry(1, new OffsetRange(40, 40));
    assertThat(batch.cursorAfter()).isEqualTo(2);
  }

  @Test
  void shouldAdvanceThePositionPastEveryPartitionOfABatch() {
    PretrainingExample any = example(List.of(2, 7, 3, 8, 3), 3, List.of(1), List.of(9), true);
    Batch batch =
        new BatchBuilder(0)
            .build(
                new RoundRobinComposer.Composed(
                    List.of(
                        new FetchedExample(0, 4, any),
                        new FetchedExample(2, 9, any),
                        new FetchedExample(0, 6, any)),
                    1));
    InputPosition position =
        new InputPosition(new java.util.TreeMap<>(java.util.Map.of(0, 2L, 5, 3L)), 0).after(batch);
    assertThat(position.nextOffsets())
        .containsEntry(0, 7L)
        .containsEntry(2, 10L)
        .containsEntry(5, 3L);
    assertThat(position.cursor()).isEqualTo(1);
    assertThat(batch.offsets()).containsEntry(0, new OffsetRange(4, 6));
  }

  @Test
  void shouldStartAPassAfreshWhenABatchOfTheNextPassFollows() {
    PretrainingExample any = example(List.of(2, 7, 3, 8, 3), 3, List.of(1), List.of(9), true);
    BatchBuilder builder = new BatchBuilder(0);
    InputPosition endOfFirst =
        new InputPosition(new java.util.TreeMap<>(java.util.Map.of(0, 9L, 1, 8L)), 1);
    Batch second =
        builder.build(
            new RoundRobinComposer.Composed(List.of(new FetchedExample(1, 0, any)), 0), 2);

    InputPosition position = endOfFirst.after(second);

    assertThat(endOfFirst.pass()).isEqualTo(1);
    assertThat(second.pass()).isEqualTo(2);
    assertThat(position.pass()).isEqualTo(2);
    assertThat(position.nextOffsets()).containsExactly(java.util.Map.entry(1, 1L));
    assertThat(position.after(second).pass()).isEqualTo(2);
    Batch first =
        builder.build(new RoundRobinComposer.Composed(List.of(new FetchedExample(0, 9, any)), 0));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> position.after(first))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static PretrainingExample example(
      List<Integer> ids,
      int segmentB,
      List<Integer> positions,
      List<Integer> labels,
      boolean random) {
    return PretrainingExample.newBuilder()
        .setId("d/0")
        .setDocId("d")
        .setBDocId("d")
        .setInputIds(ids)
        .setSegmentBStart(segmentB)
        .setMaskedPositions(positions)
        .setMaskedLabels(labels)
        .setIsRandomNext(random)
        .setTokenizerId("t")
        .setCreatedAt(Instant.EPOCH)
        .build();
  }
}
