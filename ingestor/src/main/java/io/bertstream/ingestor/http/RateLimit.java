package io.bertstream.ingestor.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many {@code POST /documents} requests one client (one remote address) may make: a token
 * bucket of {@code burst} requests refilled with {@code requests} every {@code period}. Probes and
 * scrapes are never limited.
 *
 * @param requests how many requests per {@code period} a client may make; 0 turns the limit off
 * @param period one second, minute or hour
 * @param burst how many requests a client that was quiet may make at once (at least {@code
 *     requests})
 * @param maxClients how many clients are remembered; the least recently seen is forgotten first, so
 *     memory stays bounded however many addresses call
 */
public record RateLimit(long requests, Duration period, long burst, int maxClients) {

  // Before OFF: the constructor reads PERIODS.
  private static final Pattern RATE = Pattern.compile("(\\d+)(?:/([smh]))?");
  private static final Map<String, Duration> PERIODS =
      Map.of("s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1), "h", Duration.ofHours(1));

  public static final int DEFAULT_MAX_CLIENTS = 10_000;

  /** The default rate: generous for batching clients, a wall against floods of tiny requests. */
  public static final String DEFAULT_RATE = "100/s";

  /** No limit. */
  public static final RateLimit OFF =
      new RateLimit(0, Duration.ofSeconds(1), 0, DEFAULT_MAX_CLIENTS);

  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (requests < 0) {
      throw new IllegalArgumentException("the rate limit must not be negative: " + requests);
    }
    if (!PERIODS.containsValue(period)) {
      throw new IllegalArgumentException("the rate limit's period must be 1s, 1m or 1h: " + period);
    }
    if (requests > 0 && burst < requests) {
      throw new IllegalArgumentException(
          "the rate limit's burst ("
              + burst
              + ") must be at least its rate ("
              + describe(requests, period)
              + ")");
    }
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be positive: " + maxClients);
    }
  }

  /**
   * {@code N/s}, {@code N/m} or {@code N/h} (a bare {@code N} is per second; 0 is off) with room
   * for {@code burst} requests at once; no burst means twice the rate.
   */
  public static RateLimit parse(String rate, Long burst) {
    Matcher matcher = RATE.matcher(rate.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "not a rate: '" + rate + "' (use e.g. 100/s, 600/m or 0 for no limit)");
    }
    long requests = Long.parseLong(matcher.group(1));
    if (requests == 0) {
      return OFF;
    }
    Duration period = PERIODS.get(matcher.group(2) == null ? "s" : matcher.group(2));
    return new RateLimit(
        requests, period, burst != null ? burst : 2 * requests, DEFAULT_MAX_CLIENTS);
  }

  /** {@value #DEFAULT_RATE} per client, bursts of twice that. */
  public static RateLimit defaults() {
    return parse(DEFAULT_RATE, null);
  }

  public boolean enabled() {
    return requests > 0;
  }

  /** {@code 100 requests/s}. */
  public String describe() {
    return enabled() ? describe(requests, period) : "no limit";
  }

  private static String describe(long requests, Duration period) {
    String unit = period.toHours() == 1 ? "h" : period.toMinutes() == 1 ? "m" : "s";
    return requests + " requests/" + unit;
  }
}
