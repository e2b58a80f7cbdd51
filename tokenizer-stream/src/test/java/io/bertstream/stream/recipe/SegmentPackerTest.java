package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentPackerTest {

  private static final List<int[]> SENTENCES =
      List.of(new int[] {1, 2, 3}, new int[] {4, 5}, new int[] {6, 7, 8, 9}, new int[] {10});

  @Test
  void shouldTargetTheFullLengthWhenShortSequencesAreOff() {
    SegmentPacker packer = new SegmentPacker(125, 0.0);
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(packer.target(random)).isEqualTo(125);
    }
  }

  @Test
  void shouldDrawShortTargetsBetweenTwoAndMax() {
    SegmentPacker packer = new SegmentPacker(10, 1.0);
    Random random = new Random(2);
    int[] seen = new int[11];
    for (int i = 0; i < 5000; i++) {
      int target = packer.target(random);
      assertThat(target).isBetween(2, 10);
      seen[target]++;
    }
    for (int target = 2; target <= 10; target++) {
      assertThat(seen[target]).as("target %d drawn", target).isPositive();
    }
  }

  @Test
  void shouldDrawShortTargetsAboutAsOftenAsShortSeqProb() {
    SegmentPacker packer = new SegmentPacker(125, 0.1);
    Random random = new Random(3);
    int shortOnes = 0;
    for (int i = 0; i < 20_000; i++) {
      if (packer.target(random) < 125) {
        shortOnes++;
      }
    }
    assertThat(shortOnes / 20_000.0).isBetween(0.09, 0.11);
  }

  @Test
  void shouldAddSentencesUntilTheTargetIsReached() {
    SegmentPacker packer = new SegmentPacker(125, 0.0);
    assertThat(packer.packEnd(SENTENCES, 0, 5)).isEqualTo(2);
    assertThat(packer.packEnd(SENTENCES, 0, 6)).isEqualTo(3);
    assertThat(packer.packEnd(SENTENCES, 1, 2)).isEqualTo(2);
  }

  @Test
  void shouldTakeOneSentenceEvenWhenItExceedsTheTarget() {
    assertThat(new SegmentPacker(125, 0.0).packEnd(SENTENCES, 2, 2)).isEqualTo(3);
  }

  @Test
  void shouldStopAtTheEndOfTheDocument() {
    assertThat(new SegmentPacker(125, 0.0).packEnd(SENTENCES, 1, 125)).isEqualTo(4);
  }

  @Test
  void shouldRejectAMaximumBelowTwo() {
    assertThrows(IllegalArgumentException.class, () -> new SegmentPacker(1, 0.1));
  }
}
