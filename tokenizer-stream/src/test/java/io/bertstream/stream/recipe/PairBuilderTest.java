package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairBuilderTest {

  private static final List<int[]> SENTENCES =
      List.of(new int[] {1, 2}, new int[] {3}, new int[] {4, 5, 6}, new int[] {7, 8});

  @Test
  void shouldSplitAtEverySentenceBoundaryOfTheChunk() {
    Random random = new Random(1);
    boolean[] seen = new boolean[4];
    for (int i = 0; i < 200; i++) {
      int split = PairBuilder.splitPoint(0, 4, random);
      assertThat(split).isBetween(1, 3);
      seen[split] = true;
    }
    assertThat(seen).containsExactly(false, true, true, true);
  }

  @Test
  void shouldMakeBTheRestOfTheChunkForTrueNext() {
    PairBuilder.Pair pair = PairBuilder.trueNext(SENTENCES, 0, 3, 2, "d", new Random(1));
    assertThat(pair.a()).containsExactly(1, 2, 3);
    assertThat(pair.b()).containsExactly(4, 5, 6);
    assertThat(pair.randomNext()).isFalse();
    assertThat(pair.bDocId()).isEqualTo("d");
    assertThat(pair.nextSentence()).isEqualTo(3);
  }

  @Test
  void shouldCutALoneSentenceInsideForTrueNext() {
    Random random = new Random(4);
    for (int i = 0; i < 50; i++) {
      PairBuilder.Pair pair = PairBuilder.trueNext(SENTENCES, 2, 3, 3, "d", random);
      assertThat(pair.a()).isNotEmpty();
      assertThat(pair.b()).isNotEmpty();
      int[] joined = new int[pair.a().length + pair.b().length];
      System.arraycopy(pair.a(), 0, joined, 0, pair.a().length);
      System.arraycopy(pair.b(), 0, joined, pair.a().length, pair.b().length);
      assertThat(joined).containsExactly(4, 5, 6);
    }
  }

  @Test
  void shouldGiveBackTheUnusedSentencesForRandomNext() {
    PairBuilder.Pair pair =
        PairBuilder.randomNext(
            SENTENCES, 0, 1, new RandomSegmentSource.Segment("other", new int[] {90, 91}));
    assertThat(pair.a()).containsExactly(1, 2);
    assertThat(pair.b()).containsExactly(90, 91);
    assertThat(pair.randomNext()).isTrue();
    assertThat(pair.bDocId()).isEqualTo("other");
    assertThat(pair.nextSentence()).isEqualTo(1);
  }

  @Test
  void shouldKnowWhenNoTrueNextIsPossible() {
    List<int[]> oneToken = List.of(new int[] {9});
    assertThat(PairBuilder.canTrueNext(oneToken, 0, 1)).isFalse();
    assertThat(PairBuilder.canTrueNext(SENTENCES, 2, 3)).isTrue();
    assertThat(PairBuilder.canTrueNext(SENTENCES, 0, 2)).isTrue();
  }
}
