package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FallbackSegmentsTest {

  private static final RandomSegmentSource NONE = (exclude, length, random) -> Optional.empty();

  private static RandomSegmentSource only(String docId) {
    return (exclude, length, random) ->
        Optional.of(new RandomSegmentSource.Segment(docId, new int[] {1, 2, 3}));
  }

  @Test
  void shouldServeFromTheOwnPoolWhenItHasASegmentAndKeepItMaskable() {
    Optional<RandomSegmentSource.Segment> drawn =
        new FallbackSegments(only("eval-doc"), only("train-doc")).draw("x", 10, new Random(1));
    assertThat(drawn).hasValueSatisfying(s -> assertThat(s.docId()).isEqualTo("eval-doc"));
    assertThat(drawn.get().maskable()).isTrue();
  }

  @Test
  void shouldBorrowFromTheFallbackUnmaskableWhenTheOwnPoolHasNothing() {
    Optional<RandomSegmentSource.Segment> drawn =
        new FallbackSegments(NONE, only("train-doc")).draw("x", 10, new Random(1));
    assertThat(drawn).hasValueSatisfying(s -> assertThat(s.docId()).isEqualTo("train-doc"));
    assertThat(drawn.get().maskable()).isFalse();
    assertThat(drawn.get().tokens()).containsExactly(1, 2, 3);
  }

  @Test
  void shouldDrawNothingWhenNeitherPoolHasASegment() {
    assertThat(new FallbackSegments(NONE, NONE).draw("x", 10, new Random(1))).isEmpty();
  }
}
