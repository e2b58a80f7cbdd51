package io.bertstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.bertstream.trainer.optim.LearningRateSchedule.Decay;
import org.junit.jupiter.api.Test;

class BudgetedScheduleTest {

  @Test
  void shouldHoldThePeakAfterWarmUpUntilTheFirstEstimate() {
    BudgetedSchedule s = new BudgetedSchedule(1e-3, 4, 0, Decay.LINEAR, false);

    assertThat(s.lastStep()).isZero();
    assertThat(s.at(2)).isCloseTo(0.5e-3, within(1e-12));
    assertThat(s.at(1000)).isEqualTo(1e-3);
  }

  @Test
  void shouldDecayToTheEstimatedLastStepAndFollowANewEstimate() {
    BudgetedSchedule s = new BudgetedSchedule(1e-3, 4, 0, Decay.LINEAR, false);

    s.estimate(12);
    assertThat(s.at(8)).isEqualTo(new LearningRateSchedule(1e-3, 4, 12, Decay.LINEAR).at(8));
    assertThat(s.at(13)).isZero();
    s.estimate(20);
    assertThat(s.lastStep()).isEqualTo(20);
    assertThat(s.at(13)).isEqualTo(new LearningRateSchedule(1e-3, 4, 20, Decay.LINEAR).at(13));
    assertThat(s.at(20)).isPositive();
    assertThat(s.at(21)).isZero();
  }

  @Test
  void shouldEndAtTheSoonerOfTheEstimateAndMaxSteps() {
    BudgetedSchedule s = new BudgetedSchedule(1e-3, 2, 50, Decay.COSINE, false);

    assertThat(s.current()).isEqualTo(new LearningRateSchedule(1e-3, 2, 50, Decay.COSINE));
    s.estimate(30);
    assertThat(s.current().maxSteps()).isEqualTo(30);
    s.estimate(80);
    assertThat(s.current().maxSteps()).isEqualTo(50);
  }

  @Test
  void shouldShortenTheWarmUpOfAnAutoScheduleWhenTheRunIsEstimatedShorter() {
    BudgetedSchedule auto = new BudgetedSchedule(1e-3, 1000, 0, Decay.LINEAR, true);
    BudgetedSchedule linear = new BudgetedSchedule(1e-3, 1000, 0, Decay.LINEAR, false);

    auto.estimate(300);
    linear.estimate(300);

    assertThat(auto.current().warmupSteps()).isEqualTo(30);
    assertThat(linear.current())
        .isEqualTo(new LearningRateSchedule(1e-3, 1000, 1001, Decay.LINEAR));
  }

  @Test
  void shouldRefuseADecayWithoutEndAndAnEstimateBeforeTheFirstStep() {
    assertThatThrownBy(() -> new BudgetedSchedule(1e-3, 4, 0, Decay.CONSTANT, false))
        .isInstanceOf(IllegalArgumentException.class);
    BudgetedSchedule s = new BudgetedSchedule(1e-3, 4, 0, Decay.LINEAR, false);
    assertThatThrownBy(() -> s.estimate(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
