package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnigramBaselineTest {

  @Test
  void shouldBeTheEntropyOfTheTokenFrequenciesInNats() {
    UnigramBaseline baseline = UnigramBaseline.fromCounts(new long[] {0, 1, 1, 2});

    // p = 1/4, 1/4, 1/2 → H = 2·(1/4)·ln 4 + (1/2)·ln 2 = 1.5·ln 2
    assertThat(baseline.loss()).isCloseTo(1.5 * Math.log(2), within(1e-12));
    assertThat(baseline.tokens()).isEqualTo(4);
  }

  @Test
  void shouldBeZeroWhenOneTokenIsAllThereIs() {
    assertThat(UnigramBaseline.fromCounts(new long[] {0, 7}).loss()).isZero();
  }
}
