package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.Progress;
import io.bertstream.trainer.RunStatus;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The training line when not on a terminal: every 30 s, and at once for a new evaluation. */
class TrainingProgressTest {

  private final ManualClock clock = new ManualClock();
  private final List<String> lines = new ArrayList<>();
  private final Progress line =
      Progress.lines("training", Progress.Unit.SECONDS, Duration.ofSeconds(30), clock, lines::add);

  /** A resumed run: 100 s of training before, 10 minutes now, up to step 2000. */
  private final TrainingProgress progress =
      new TrainingProgress(Duration.ofSeconds(100), Duration.ofMinutes(10), 2000);

  @Test
  void shouldPrintTheStepLossThroughputAndTimeLeftOfThisRunEveryInterval() {
    progress.refresh(line);
    progress.statusReported(report(5, 7.2, 110, Optional.empty()));
    clock.advance(Duration.ofSeconds(10));
    progress.refresh(line);
    assertThat(lines).as("nothing before the interval").isEmpty();

    clock.advance(Duration.ofSeconds(25));
    progress.statusReported(report(40, 7.0, 140, Optional.empty()));
    progress.refresh(line);

    assertThat(lines)
        .containsExactly(
            "training [##......................]   6.7% 40s of 10m00s, 9m20s left"
                + "  step 40/2000 loss 7.000 | 4000 tokens/s");
  }

  @Test
  void shouldPrintANewEvaluationAtOnceAndOnlyOnce() {
    progress.statusReported(report(50, 6.9, 150, Optional.of(evaluation(50, 6.19))));
    clock.advance(Duration.ofSeconds(1));
    progress.refresh(line);
    clock.advance(Duration.ofSeconds(1));
    progress.refresh(line);
    progress.statusReported(report(51, 6.8, 151, Optional.of(evaluation(50, 6.19))));
    progress.refresh(line);

    assertThat(lines)
        .containsExactly(
            "training [##......................]   8.3% 50s of 10m00s, 9m10s left"
                + "  step 50/2000 loss 6.900 | eval 6.190 | 4000 tokens/s");
  }

  private static RunStatus report(
      long step, double loss, long trainingSeconds, Optional<EvalEntry> evaluation) {
    return new RunStatus(step, loss, 4000, Duration.ofSeconds(trainingSeconds), evaluation);
  }

  private static EvalEntry evaluation(long step, double mlmLoss) {
    return new EvalEntry(step, Optional.of(new EvalScores(mlmLoss, 0.13, 0.64, 256)), Map.of());
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.EPOCH;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
