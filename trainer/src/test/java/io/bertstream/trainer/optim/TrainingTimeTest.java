package io.bertstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TrainingTimeTest {

  /** A clock the test moves by hand, in nanoseconds. */
  private static final class Clock {
    long nanos = 1_000;

    void advance(Duration duration) {
      nanos += duration.toNanos();
    }
  }

  @Test
  void shouldCountTheEarlierRunsTimeAgainstTheBudget() {
    Clock clock = new Clock();
    TrainingTime time =
        new TrainingTime(Duration.ofMinutes(7), Duration.ofMinutes(10), () -> clock.nanos);

    clock.advance(Duration.ofMinutes(2));
    assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(9));
    assertThat(time.budgetSpent()).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(time.budgetSpent()).isTrue();
  }

  @Test
  void shouldNeverBeSpentWithoutABudget() {
    Clock clock = new Clock();
    TrainingTime time = new TrainingTime(Duration.ZERO, null, () -> clock.nanos);

    clock.advance(Duration.ofDays(3));
    assertThat(time.budgetSpent()).isFalse();
    assertThat(time.elapsed()).isEqualTo(Duration.ofDays(3));
    for (int step = 1; step <= 40; step++) {
      time.stepTaken();
      assertThat(time.lastStep(step)).isEmpty();
    }
  }

  @Test
  void shouldEstimateTheLastStepFromThisRunsMeanStepTimeSinceItsFirstStep() {
    Clock clock = new Clock();
    TrainingTime time =
        new TrainingTime(Duration.ofSeconds(100), Duration.ofSeconds(400), () -> clock.nanos);
    // The first step of the run (model loading, waiting for input) takes long and is not measured.
    clock.advance(Duration.ofSeconds(20));
    time.stepTaken();
    for (long step = 2; step <= 10; step++) {
      clock.advance(Duration.ofSeconds(2));
      time.stepTaken();
      assertThat(time.lastStep(step)).as("fewer than 10 steps measured").isEmpty();
    }
    clock.advance(Duration.ofSeconds(2));
    time.stepTaken();
    assertThat(time.lastStep(11)).as("not a multiple of 10").isEmpty();
    for (long step = 12; step <= 20; step++) {
      clock.advance(Duration.ofSeconds(2));
      time.stepTaken();
    }

    // 19 steps of 2 s measured; 100 + 20 + 38 = 158 s spent, 242 s left: 121 more steps.
    assertThat(time.lastStep(20)).isEqualTo(OptionalLong.of(141));
  }

  @Test
  void shouldEstimateTheCurrentStepOnceTheBudgetIsSpent() {
    Clock clock = new Clock();
    TrainingTime time = new TrainingTime(Duration.ZERO, Duration.ofSeconds(10), () -> clock.nanos);
    for (long step = 1; step <= 20; step++) {
      clock.advance(Duration.ofSeconds(1));
      time.stepTaken();
    }

    assertThat(time.lastStep(20)).isEqualTo(OptionalLong.of(20));
  }

  @Test
  void shouldEstimateAResumedRunsLastStepFromTheEarlierRunsPace() {
    Clock clock = new Clock();
    TrainingTime time =
        new TrainingTime(Duration.ofSeconds(100), Duration.ofSeconds(300), () -> clock.nanos);

    // 50 steps in 100 s: 2 s a step; 200 s left.
    assertThat(time.lastStepAtEarlierPace(50)).isEqualTo(OptionalLong.of(150));
    assertThat(
            new TrainingTime(Duration.ZERO, Duration.ofSeconds(9), () -> clock.nanos)
                .lastStepAtEarlierPace(0))
        .isEmpty();
    assertThat(
            new TrainingTime(Duration.ofSeconds(9), null, () -> clock.nanos)
                .lastStepAtEarlierPace(5))
        .isEmpty();
    clock.advance(Duration.ofSeconds(200));
    assertThat(time.lastStepAtEarlierPace(50)).as("spent").isEmpty();
  }
}
