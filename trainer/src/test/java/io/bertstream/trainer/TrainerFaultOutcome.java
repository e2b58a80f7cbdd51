package io.bertstream.trainer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one trainer fault scenario did, measured against an undisturbed run of the same examples: a
 * row of the fault table in RELIABILITY.md.
 *
 * @param scenario the row's name
 * @param examplesIn examples published to the examples topic
 * @param steps optimizer steps of the run
 * @param examplesTrained examples the final ledger says were trained
 * @param lost examples the undisturbed run trained and the disturbed one did not
 * @param trainedTwice trainings beyond the first of one example in the final ledger
 * @param faults faults injected (kills, restarts, outages)
 * @param recoveries for each fault, from the fault (the kill, the broker's stop, the registry's
 *     going away) until training was past the step it had reached (for an outage: until the first
 *     step trained after it)
 */
record TrainerFaultOutcome(
    String scenario,
    long examplesIn,
    long steps,
    long examplesTrained,
    long lost,
    long trainedTwice,
    int faults,
    List<Duration> recoveries) {

  static final String HEADER =
      "| Scenario | Examples in | Steps | Examples trained | Lost | Trained twice | Time to recover |";
  static final String RULE = "|---|---:|---:|---:|---:|---:|---|";

  TrainerFaultOutcome {
    recoveries = List.copyOf(recoveries);
  }

  /** The table row. */
  String row() {
    return String.join(
        " | ",
        "| " + scenario,
        Long.toString(examplesIn),
        Long.toString(steps),
        Long.toString(examplesTrained),
        Long.toString(lost),
        Long.toString(trainedTwice),
        recoveryCell() + " |");
  }

  /** Each recovery for a few faults; for many, their median and maximum. */
  String recoveryCell() {
    if (recoveries.isEmpty()) {
      return "-";
    }
    if (recoveries.size() <= 3) {
      return recoveries.stream()
          .map(TrainerFaultOutcome::seconds)
          .collect(Collectors.joining(", "));
    }
    List<Duration> sorted = recoveries.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "median %s, max %s (%d faults)",
        seconds(sorted.get(sorted.size() / 2)),
        seconds(sorted.get(sorted.size() - 1)),
        sorted.size());
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
