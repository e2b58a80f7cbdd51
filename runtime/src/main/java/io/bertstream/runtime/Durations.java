package io.bertstream.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations users type on the command line: {@code 90s}, {@code 10m}. */
public final class Durations {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Accepts {@code 250ms}, {@code 60s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601. */
  public static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE.matcher(value);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (use e.g. 500ms, 60s, 10m, 2h)", e);
    }
  }

  /**
   * The shortest form {@link #parse} reads back to {@code duration}: {@code 10m}, {@code 30s},
   * {@code 1500ms}; {@code 0s} for zero. Flags show their defaults this way.
   */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds == 0 || seconds % 60 != 0) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes % 60 != 0) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    return hours % 24 != 0 ? hours + "h" : (hours / 24) + "d";
  }

  /** {@code 75} → {@code 1m15s}. */
  public static String human(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
    }
    return (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02dm", (seconds % 3600) / 60);
  }
}
