package io.bertstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.trainer.optim.LearningRateSchedule.Decay;
import org.junit.jupiter.api.Test;

class SchedulesTest {

  @Test
  void shouldDecayLinearlyWhenAutoIsBoundedAndStayConstantWhenNot() {
    assertThat(Schedules.of("auto", 1e-3, 10, 100))
        .isEqualTo(new LearningRateSchedule(1e-3, 10, 100, Decay.LINEAR));
    assertThat(Schedules.of("auto", 1e-3, 10, 0))
        .isEqualTo(new LearningRateSchedule(1e-3, 10, 0, Decay.CONSTANT));
  }

  @Test
  void shouldWarmUpForATenthOfABoundedAutoRunShorterThanItsWarmUp() {
    assertThat(Schedules.of("auto", 1e-3, 1000, 50).warmupSteps()).isEqualTo(5);
    assertThat(Schedules.of("constant", 1e-3, 1000, 50).warmupSteps()).isEqualTo(1000);
  }

  @Test
  void shouldAcceptUnderscoresAndCaseAndRefuseUnknownNames() {
    assertThat(Schedules.of("INVERSE_SQRT", 1e-3, 10, 0).decay()).isEqualTo(Decay.INVERSE_SQRT);
    assertThatThrownBy(() -> Schedules.of("cosine", 1e-3, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cosine");
    assertThatThrownBy(() -> Schedules.of("cyclic", 1e-3, 10, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown schedule 'cyclic'");
  }

  @Test
  void shouldDecayCosineToABoundedRunsLastStep() {
    assertThat(Schedules.of("cosine", 1e-3, 10, 100))
        .isEqualTo(new LearningRateSchedule(1e-3, 10, 100, Decay.COSINE));
  }

  @Test
  void shouldFollowTheTimeBudgetOnlyWhenTheScheduleDecaysToAnEnd() {
    assertThat(Schedules.of("auto", 1e-3, 10, 0, true)).isInstanceOf(BudgetedSchedule.class);
    assertThat(Schedules.of("cosine", 1e-3, 10, 0, true)).isInstanceOf(BudgetedSchedule.class);
    assertThat(Schedules.of("constant", 1e-3, 10, 0, true))
        .isEqualTo(new LearningRateSchedule(1e-3, 10, 0, Decay.CONSTANT));
    assertThat(Schedules.of("auto", 1e-3, 10, 100, false))
        .isEqualTo(Schedules.of("auto", 1e-3, 10, 100));
    BudgetedSchedule linear = (BudgetedSchedule) Schedules.of("linear", 1e-3, 10, 0, true);
    linear.estimate(100);
    assertThat(linear.current()).isEqualTo(new LearningRateSchedule(1e-3, 10, 100, Decay.LINEAR));
  }
}
