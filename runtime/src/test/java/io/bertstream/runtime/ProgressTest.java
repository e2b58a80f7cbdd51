package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final Progress progress =
      Progress.logging("vocab", Duration.ofSeconds(10), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void shouldDrawABarWithPercentAndEtaWhenTheTotalIsKnown() {
    assertThat(progress.format(25, 100, "merges", 30_000))
        .isEqualTo("vocab [######..................]  25.0% eta 1m30s  merges");
  }

  @Test
  void shouldPrintTheCountWhenTheTotalIsUnknown() {
    assertThat(progress.format(1234, 0, "docs", 5_000)).isEqualTo("vocab 1234  docs");
  }
}
