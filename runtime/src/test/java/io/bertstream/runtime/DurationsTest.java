package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void shouldParseTheShortFormsUsersType() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void shouldNameTheBadValueWhenParsingFails() {
    assertThatThrownBy(() -> Durations.parse("ten minutes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ten minutes");
  }

  @Test
  void shouldFormatDurationsSoThatTheyParseBack() {
    assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.format(Duration.ofDays(1))).isEqualTo("1d");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    for (Duration duration :
        new Duration[] {Duration.ofSeconds(3601), Duration.ofMillis(7), Duration.ofNanos(5)}) {
      assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
  }

  @Test
  void shouldPrintHumanDurations() {
    assertThat(Durations.human(42)).isEqualTo("42s");
    assertThat(Durations.human(75)).isEqualTo("1m15s");
    assertThat(Durations.human(3 * 3600 + 5 * 60)).isEqualTo("3h05m");
  }
}
