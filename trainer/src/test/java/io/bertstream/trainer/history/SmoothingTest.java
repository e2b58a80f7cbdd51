package io.bertstream.trainer.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SmoothingTest {

  @Test
  void shouldStartAtTheFirstValueInsteadOfZero() {
    double[] smoothed = Smoothing.ema(new double[] {8, 8, 8}, 50);

    assertThat(smoothed).containsExactly(new double[] {8, 8, 8}, within(1e-9));
  }

  @Test
  void shouldFollowAStepChangeGraduallyAndLeaveANonFiniteValueOut() {
    double[] smoothed = Smoothing.ema(new double[] {10, 10, Double.NaN, 0, 0, 0}, 3);

    assertThat(smoothed[1]).isCloseTo(10, within(1e-9));
    assertThat(smoothed[2]).isNaN();
    assertThat(smoothed[3]).isStrictlyBetween(0.0, 10.0);
    assertThat(smoothed[5]).isStrictlyBetween(0.0, smoothed[4]);
  }
}
