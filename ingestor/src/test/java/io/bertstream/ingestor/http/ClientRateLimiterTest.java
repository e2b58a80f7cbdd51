package io.bertstream.ingestor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

  /** A clock the test moves by hand. */
  private static final class ManualTime implements TimeMeter {
    private long nanos;

    void advance(Duration duration) {
      nanos += duration.toNanos();
    }

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  private final ManualTime time = new ManualTime();

  @Test
  void shouldAllowABurstThenRefuseWithTheTimeUntilTheNextToken() {
    ClientRateLimiter limiter = new ClientRateLimiter(RateLimit.parse("2/s", 4L), time);

    for (int i = 0; i < 4; i++) {
      assertThat(limiter.acquire("10.0.0.1")).as("request " + i).isEmpty();
    }
    Optional<Duration> wait = limiter.acquire("10.0.0.1");

    // Two tokens a second: the next one is half a second away.
    assertThat(wait).hasValue(Duration.ofMillis(500));
  }

  @Test
  void shouldRefillAtTheConfiguredRate() {
    ClientRateLimiter limiter = new ClientRateLimiter(RateLimit.parse("2/s", 2L), time);
    limiter.acquire("a");
    limiter.acquire("a");
    assertThat(limiter.acquire("a")).isPresent();

    time.advance(Duration.ofMillis(500));

    assertThat(limiter.acquire("a")).isEmpty();
    assertThat(limiter.acquire("a")).isPresent();
  }

  @Test
  void shouldGiveEveryClientItsOwnBucket() {
    ClientRateLimiter limiter = new ClientRateLimiter(RateLimit.parse("1", 1L), time);

    assertThat(limiter.acquire("a")).isEmpty();
    assertThat(limiter.acquire("a")).isPresent();
    assertThat(limiter.acquire("b")).isEmpty();
  }

  @Test
  void shouldRememberAtMostMaxClientsForgettingTheLeastRecentlySeen() {
    ClientRateLimiter limiter =
        new ClientRateLimiter(new RateLimit(1, Duration.ofSeconds(1), 1, 3), time);
    limiter.acquire("a");
    limiter.acquire("b");
    limiter.acquire("c");
    limiter.acquire("a"); // refused, but seen: "b" is now the least recent
    limiter.acquire("d");

    assertThat(limiter.clients()).isEqualTo(3);
    // "a" was kept (its bucket is still empty); "b" was forgotten (a full bucket again).
    assertThat(limiter.acquire("a")).isPresent();
    assertThat(limiter.acquire("b")).isEmpty();
    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("flood-" + i);
    }
    assertThat(limiter.clients()).isEqualTo(3);
  }

  @Test
  void shouldLetEverythingThroughWhenOff() {
    ClientRateLimiter limiter = new ClientRateLimiter(RateLimit.OFF, time);

    for (int i = 0; i < 1_000; i++) {
      assertThat(limiter.acquire("a")).isEmpty();
    }
    assertThat(limiter.clients()).isZero();
  }

  @Test
  void shouldReadRatesPerSecondMinuteOrHourWithTwiceTheRateAsTheDefaultBurst() {
    assertThat(RateLimit.parse("100/s", null))
        .isEqualTo(new RateLimit(100, Duration.ofSeconds(1), 200, RateLimit.DEFAULT_MAX_CLIENTS));
    assertThat(RateLimit.parse("100", null)).isEqualTo(RateLimit.parse("100/s", null));
    assertThat(RateLimit.parse("600/M", 900L))
        .isEqualTo(new RateLimit(600, Duration.ofMinutes(1), 900, RateLimit.DEFAULT_MAX_CLIENTS));
    assertThat(RateLimit.parse("5/h", null).describe()).isEqualTo("5 requests/h");
    assertThat(RateLimit.parse("0", null)).isEqualTo(RateLimit.OFF);
    assertThat(RateLimit.OFF.enabled()).isFalse();
    assertThat(RateLimit.defaults()).isEqualTo(RateLimit.parse(RateLimit.DEFAULT_RATE, null));
    assertThat(RateLimit.defaults().enabled()).isTrue();
  }

  @Test
  void shouldRefuseAMalformedRateOrABurstBelowTheRate() {
    assertThatThrownBy(() -> RateLimit.parse("10/s", 5L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the rate limit's burst (5) must be at least its rate (10 requests/s)");
    assertThatThrownBy(() -> RateLimit.parse("-1/s", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a rate: '-1/s'");
    assertThatThrownBy(() -> RateLimit.parse("10/day", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
