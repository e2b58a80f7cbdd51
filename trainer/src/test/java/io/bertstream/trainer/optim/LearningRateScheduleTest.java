package io.bertstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.bertstream.trainer.optim.LearningRateSchedule.Decay;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void shouldWarmUpLinearlyThenDecayLinearlyToTheLastStep() {
    LearningRateSchedule s = LearningRateSchedule.of(1e-3, 4, 12, Decay.CONSTANT);
    assertThat(s.decay()).isEqualTo(Decay.LINEAR);
    assertThat(s.at(1)).isCloseTo(0.25e-3, within(1e-12));
    assertThat(s.at(4)).isCloseTo(1e-3, within(1e-12));
    assertThat(s.at(5)).isCloseTo(1e-3, within(1e-12));
    assertThat(s.at(8)).isCloseTo(0.625e-3, within(1e-12));
    assertThat(s.at(12)).isCloseTo(0.125e-3, within(1e-12));
    assertThat(s.at(13)).isZero();
  }

  @Test
  void shouldStayConstantOrDecayAsInverseSqrtWhenUnbounded() {
    LearningRateSchedule constant = LearningRateSchedule.of(2e-4, 10, 0, Decay.CONSTANT);
    assertThat(constant.at(5)).isCloseTo(1e-4, within(1e-12));
    assertThat(constant.at(1_000_000)).isEqualTo(2e-4);
    LearningRateSchedule invSqrt = LearningRateSchedule.of(2e-4, 100, 0, Decay.INVERSE_SQRT);
    assertThat(invSqrt.at(100)).isCloseTo(2e-4, within(1e-12));
    assertThat(invSqrt.at(400)).isCloseTo(1e-4, within(1e-12));
    LearningRateSchedule noWarmup = LearningRateSchedule.of(1e-3, 0, 0, Decay.CONSTANT);
    assertThat(noWarmup.at(1)).isEqualTo(1e-3);
  }

  @Test
  void shouldDependOnTheStepOnly() {
    LearningRateSchedule a = LearningRateSchedule.of(1e-3, 7, 50, Decay.CONSTANT);
    LearningRateSchedule b = LearningRateSchedule.of(1e-3, 7, 50, Decay.CONSTANT);
    for (int t = 50; t >= 1; t--) {
      assertThat(b.getNewValue(t)).isEqualTo(a.getNewValue(t));
    }
  }

  @Test
  void shouldRejectLinearDecayWithoutRoomAfterWarmup() {
    assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 10, 10, Decay.LINEAR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LearningRateSchedule.of(1e-3, 1, 5, Decay.CONSTANT).at(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldDecayAlongACosineFromThePeakToNearlyZeroAtTheLastStep() {
    LearningRateSchedule s = new LearningRateSchedule(1e-3, 4, 12, Decay.COSINE);
    assertThat(s.at(2)).isCloseTo(0.5e-3, within(1e-12));
    assertThat(s.at(5)).isCloseTo(1e-3, within(1e-12));
    // Halfway through the decay (t − W − 1 = 4 of N − W = 8): half the peak.
    assertThat(s.at(9)).isCloseTo(0.5e-3, within(1e-12));
    assertThat(s.at(12)).isCloseTo(1e-3 * (1 + Math.cos(Math.PI * 7 / 8)) / 2, within(1e-12));
    assertThat(s.at(12)).isPositive();
    assertThat(s.at(13)).isZero();
    for (int t = 6; t <= 12; t++) {
      assertThat(s.at(t)).isLessThan(s.at(t - 1));
    }
    assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 4, 0, Decay.COSINE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cosine");
  }

  @Test
  void shouldMoveTheEndAndKeepTheRest() {
    LearningRateSchedule s = new LearningRateSchedule(1e-3, 4, 12, Decay.LINEAR);
    assertThat(s.withMaxSteps(20)).isEqualTo(new LearningRateSchedule(1e-3, 4, 20, Decay.LINEAR));
  }
}
