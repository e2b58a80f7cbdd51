package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void shouldGiveTheSameStreamForTheSameSeedDocumentAndInstance() {
    assertThat(new Seeds(42).forInstance("doc", 3).nextLong())
        .isEqualTo(new Seeds(42).forInstance("doc", 3).nextLong());
  }

  @Test
  void shouldGiveDifferentStreamsWhenAnyPartDiffers() {
    long base = new Seeds(42).forInstance("doc", 3).nextLong();
    assertThat(new Seeds(43).forInstance("doc", 3).nextLong()).isNotEqualTo(base);
    assertThat(new Seeds(42).forInstance("dod", 3).nextLong()).isNotEqualTo(base);
    assertThat(new Seeds(42).forInstance("doc", 4).nextLong()).isNotEqualTo(base);
    assertThat(new Seeds(42).forReservoir("doc", 3).nextLong()).isNotEqualTo(base);
  }

  @Test
  void shouldHashIdsUniformlyIntoTheUnitInterval() {
    Seeds seeds = new Seeds(0);
    int below = 0;
    for (int i = 0; i < 10_000; i++) {
      double hash = seeds.unitHash("doc-" + i, "eval");
      assertThat(hash).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      if (hash < 0.1) {
        below++;
      }
    }
    assertThat(below).isBetween(900, 1100);
  }
}
