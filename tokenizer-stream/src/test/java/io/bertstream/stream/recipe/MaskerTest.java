package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskerTest {

  private static final FakeVocabulary VOCAB = new FakeVocabulary(1000);

  /** [CLS] 100 tokens [SEP] 20 tokens [SEP] [PAD] [PAD]: 120 eligible. */
  private static int[] sequence() {
    int[] ids = new int[125];
    ids[0] = FakeVocabulary.CLS;
    for (int i = 1; i <= 100; i++) {
      ids[i] = 10 + i;
    }
    ids[101] = FakeVocabulary.SEP;
    for (int i = 102; i < 122; i++) {
      ids[i] = 200 + i;
    }
    ids[122] = FakeVocabulary.SEP;
    ids[123] = FakeVocabulary.PAD;
    ids[124] = FakeVocabulary.PAD;
    return ids;
  }

  @Test
  void shouldNeverChooseSpecialTokens() {
    Masker masker = new Masker(VOCAB, 0.15, 200, false);
    Random random = new Random(1);
    int[] ids = sequence();
    for (int i = 0; i < 500; i++) {
      for (int position : masker.mask(ids, random).positions()) {
        assertThat(VOCAB.isSpecial(ids[position])).isFalse();
      }
    }
  }

  @Test
  void shouldChooseOnlyBeforeTheLimitAndCountOnlyThoseTokens() {
    Masker masker = new Masker(VOCAB, 0.15, 200, false);
    Random random = new Random(4);
    int[] ids = sequence();
    for (int i = 0; i < 500; i++) {
      Masker.Masked masked = masker.mask(ids, 102, random); // segment A only
      assertThat(masked.positions()).hasSize(15);
      assertThat(java.util.Arrays.stream(masked.positions()).boxed())
          .allSatisfy(p -> assertThat(p).isBetween(1, 100));
      for (int position = 102; position < ids.length; position++) {
        assertThat(masked.inputIds()[position]).isEqualTo(ids[position]);
      }
    }
  }

  @Test
  void shouldNeverChooseAnythingWhenOnlySpecialTokensAreThere() {
    Masker.Masked masked =
        new Masker(VOCAB, 0.15, 20, false)
            .mask(new int[] {FakeVocabulary.CLS, FakeVocabulary.SEP}, new Random(1));
    assertThat(masked.positions()).isEmpty();
  }

  @Test
  void shouldChooseFifteenPercentRoundedWithinTheCap() {
    Masker masker = new Masker(VOCAB, 0.15, 20, false);
    assertThat(masker.mask(sequence(), new Random(2)).positions()).hasSize(18);
    assertThat(new Masker(VOCAB, 0.15, 10, false).mask(sequence(), new Random(2)).positions())
        .hasSize(10);
    assertThat(masker.predictions(3)).isEqualTo(1);
    assertThat(masker.predictions(0)).isZero();
  }

  @Test
  void shouldListPositionsAscendingWithTheOriginalIdsAsLabels() {
    int[] ids = sequence();
    Masker.Masked masked = new Masker(VOCAB, 0.15, 20, false).mask(ids, new Random(3));
    assertThat(masked.positions()).isSorted().doesNotHaveDuplicates();
    for (int i = 0; i < masked.positions().length; i++) {
      assertThat(masked.labels()[i]).isEqualTo(ids[masked.positions()[i]]);
    }
    Set<Integer> chosen = new HashSet<>();
    for (int position : masked.positions()) {
      chosen.add(position);
    }
    for (int i = 0; i < ids.length; i++) {
      if (!chosen.contains(i)) {
        assertThat(masked.inputIds()[i]).isEqualTo(ids[i]);
      }
    }
  }

  @Test
  void shouldReplaceEightyTenTen() {
    Masker masker = new Masker(VOCAB, 0.15, 20, false);
    Random random = new Random(4);
    int[] ids = sequence();
    int mask = 0;
    int kept = 0;
    int randomToken = 0;
    for (int i = 0; i < 3000; i++) {
      Masker.Masked masked = masker.mask(ids, random);
      for (int position : masked.positions()) {
        int shown = masked.inputIds()[position];
        if (shown == FakeVocabulary.MASK) {
          mask++;
        } else if (shown == ids[position]) {
          kept++;
        } else {
          assertThat(VOCAB.isSpecial(shown)).isFalse();
          randomToken++;
        }
      }
    }
    double total = mask + kept + randomToken;
    assertThat(mask / total).isBetween(0.79, 0.81);
    assertThat(kept / total).isBetween(0.09, 0.11);
    assertThat(randomToken / total).isBetween(0.09, 0.11);
  }

  @Test
  void shouldChooseWholeWordsWhenAsked() {
    // words: [10 501 502] [11] [12 503] [13] ... pieces >= 500 continue a word
    int[] ids = {
      FakeVocabulary.CLS, 10, 501, 502, 11, 12, 503, 13, 14, 504, 15, FakeVocabulary.SEP
    };
    Masker masker = new Masker(VOCAB, 0.5, 20, true);
    Random random = new Random(5);
    for (int i = 0; i < 300; i++) {
      Set<Integer> chosen = new HashSet<>();
      for (int position : masker.mask(ids, random).positions()) {
        chosen.add(position);
      }
      assertThat(chosen.contains(1)).isEqualTo(chosen.contains(2));
      assertThat(chosen.contains(2)).isEqualTo(chosen.contains(3));
      assertThat(chosen.contains(5)).isEqualTo(chosen.contains(6));
      assertThat(chosen.contains(8)).isEqualTo(chosen.contains(9));
      assertThat(chosen.size()).isLessThanOrEqualTo(masker.predictions(10));
    }
  }
}
