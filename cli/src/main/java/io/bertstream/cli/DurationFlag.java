package io.bertstream.cli;

import io.bertstream.runtime.Durations;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reads a duration flag as users type it ({@code 500ms}, {@code 30s}, {@code 10m}, ISO-8601) when
 * its command runs; the option itself stays a string, so its help shows the value as typed.
 */
final class DurationFlag {

  private DurationFlag() {}

  /** How a flag shows {@code duration} as its default: {@code 10m}; null stays null (none). */
  static String format(Duration duration) {
    return duration == null ? null : Durations.format(duration);
  }

  /** The duration {@code value} names; one that is none is a usage error of {@code command}. */
  static Duration parse(CommandSpec command, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
