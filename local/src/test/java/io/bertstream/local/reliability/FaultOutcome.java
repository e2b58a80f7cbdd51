package io.bertstream.local.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one fault scenario did to the data, measured against an undisturbed run of the same input.
 *
 * @param scenario the row's name, unique in the table (rows are replaced by name)
 * @param documentsIn documents published to the input topic
 * @param examplesCommitted records the committed (read_committed) output holds
 * @param lost examples of the undisturbed run missing from, or different in, the committed output
 * @param duplicated committed records beyond the first with the same id
 * @param recoveries for each fault, from the fault until everything published before it was
 *     committed downstream again
 */
public record FaultOutcome(
    String scenario,
    int documentsIn,
    long examplesCommitted,
    long lost,
    long duplicated,
    List<Duration> recoveries) {

  public FaultOutcome {
    Objects.requireNonNull(scenario, "scenario");
    if (scenario.isBlank() || scenario.contains("|")) {
      throw new IllegalArgumentException(
          "a scenario name is one non-blank table cell: " + scenario);
    }
    recoveries = List.copyOf(recoveries);
  }

  /** The "time to recover" cell: each fault's recovery in seconds, in the order they happened. */
  public String recoveryCell() {
    if (recoveries.isEmpty()) {
      return "-";
    }
    return recoveries.stream()
        .map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0))
        .collect(Collectors.joining(", "));
  }
}
