package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairTruncatorTest {

  private static int[] range(int from, int to) {
    return IntStream.range(from, to).toArray();
  }

  @Test
  void shouldLeaveAPairThatFitsUntouched() {
    PairTruncator.TokenPair pair =
        new PairTruncator(10).truncate(range(0, 4), range(100, 106), new Random(1));
    assertThat(pair.a()).containsExactly(range(0, 4));
    assertThat(pair.b()).containsExactly(range(100, 106));
  }

  @Test
  void shouldFitTheMaximumAndKeepEachSideContiguous() {
    PairTruncator truncator = new PairTruncator(20);
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      int[] a = range(0, 1 + random.nextInt(40));
      int[] b = range(1000, 1001 + random.nextInt(40));
      PairTruncator.TokenPair pair = truncator.truncate(a, b, random);
      assertThat(pair.a().length + pair.b().length).isLessThanOrEqualTo(20);
      assertThat(pair.a().length).isPositive();
      assertThat(pair.b().length).isPositive();
      assertContiguous(pair.a());
      assertContiguous(pair.b());
    }
  }

  @Test
  void shouldTrimOnlyTheLongerSideWhileItIsLonger() {
    PairTruncator.TokenPair pair =
        new PairTruncator(10).truncate(range(0, 30), range(100, 104), new Random(3));
    assertThat(pair.b()).containsExactly(range(100, 104));
    assertThat(pair.a()).hasSize(6);
  }

  @Test
  void shouldTrimFromBothEndsOverManyPairs() {
    PairTruncator truncator = new PairTruncator(10);
    Random random = new Random(5);
    boolean frontTrimmed = false;
    boolean backTrimmed = false;
    for (int i = 0; i < 50; i++) {
      int[] a = truncator.truncate(range(0, 30), range(100, 102), random).a();
      frontTrimmed |= a[0] > 0;
      backTrimmed |= a[a.length - 1] < 29;
    }
    assertThat(frontTrimmed).isTrue();
    assertThat(backTrimmed).isTrue();
  }

  @Test
  void shouldNotModifyItsInputs() {
    int[] a = range(0, 30);
    new PairTruncator(10).truncate(a, range(100, 102), new Random(1));
    assertThat(a).containsExactly(range(0, 30));
  }

  private static void assertContiguous(int[] ids) {
    for (int i = 1; i < ids.length; i++) {
      assertThat(ids[i]).isEqualTo(ids[i - 1] + 1);
    }
  }
}
