package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final Progress progress =
      Progress.lines(
          "vocab",
          Progress.Unit.ITEMS,
          Duration.ofSeconds(10),
          Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
          line -> {});

  @Test
  void shouldDrawABarWithPercentAndEtaWhenTheTotalIsKnown() {
    assertThat(progress.format(25, 100, "merges", 30_000))
        .isEqualTo("vocab [######..................]  25.0% 25 of 100, 0.8/s, eta 1m30s  merges");
  }

  @Test
  void shouldPrintTheCountWhenTheTotalIsUnknown() {
    assertThat(progress.format(1234, 0, "docs", 5_000)).isEqualTo("vocab 1,234, 246.8/s  docs");
  }

  @Test
  void shouldPrintALineEveryIntervalWithTheRateAndTheTimeLeft() {
    ManualClock clock = new ManualClock();
    List<String> lines = new ArrayList<>();
    Progress ingest =
        Progress.lines("ingest", Progress.Unit.BYTES, Duration.ofSeconds(30), clock, lines::add);

    clock.advance(Duration.ofSeconds(10));
    ingest.update(10_000_000, 100_000_000, () -> "1,000 docs");
    assertThat(lines).as("nothing before the first interval").isEmpty();

    clock.advance(Duration.ofSeconds(20));
    ingest.update(30_000_000, 100_000_000, () -> "3,000 docs");
    clock.advance(Duration.ofSeconds(10));
    ingest.update(40_000_000, 100_000_000, () -> "4,000 docs");

    assertThat(lines)
        .containsExactly(
            "ingest [#######.................]  30.0% 30.0 MB of 100.0 MB, 1.0 MB/s, eta 1m10s"
                + "  3,000 docs");
  }

  @Test
  void shouldPrintAMilestoneAtOnce() {
    ManualClock clock = new ManualClock();
    List<String> lines = new ArrayList<>();
    Progress training =
        Progress.lines(
            "training", Progress.Unit.SECONDS, Duration.ofSeconds(30), clock, lines::add);

    clock.advance(Duration.ofSeconds(5));
    training.milestone(5, 600, () -> "step 50 eval 6.19");
    clock.advance(Duration.ofSeconds(5));
    training.update(10, 600, () -> "step 100");
    clock.advance(Duration.ofSeconds(30));
    training.update(40, 600, () -> "step 400");

    assertThat(lines)
        .containsExactly(
            "training [........................]   0.8% 5s of 10m00s, 9m55s left  step 50 eval 6.19",
            "training [##......................]   6.7% 40s of 10m00s, 9m20s left  step 400");
  }

  @Test
  void shouldReadBytesInDecimalUnits() {
    assertThat(Progress.bytes(999)).isEqualTo("999 B");
    assertThat(Progress.bytes(3_612_345)).isEqualTo("3.6 MB");
    assertThat(Progress.bytes(12_400_000_000L)).isEqualTo("12.4 GB");
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
