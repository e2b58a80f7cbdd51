package io.bertstream.trainer.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThinningTest {

  @Test
  void shouldKeepEveryPointOfAShortRun() {
    assertThat(Thinning.indices(5, 2000)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldThinALongRunToAtMostTheLimitAndKeepItsNewestStep() {
    for (int size : new int[] {2000, 2001, 3999, 4000, 100_003}) {
      List<Integer> kept = Thinning.indices(size, 2000);
      assertThat(kept)
          .as("size " + size)
          .hasSizeLessThanOrEqualTo(2000)
          .startsWith(0)
          .endsWith(size - 1)
          .isSorted()
          .doesNotHaveDuplicates();
    }
  }
}
