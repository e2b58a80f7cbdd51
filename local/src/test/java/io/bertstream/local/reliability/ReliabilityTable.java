package io.bertstream.local.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault table of RELIABILITY.md, between {@value #BEGIN} and {@value #END}. Writing outcomes
 * replaces the rows of the same scenarios and appends new ones; every other row (other modules'
 * scenarios, rows still pending) and everything outside the markers stays as it was.
 */
public final class ReliabilityTable {

  static final String BEGIN = "<!-- fault-table:begin -->";
  static final String END = "<!-- fault-table:end -->";
  static final String HEADER =
      "| Scenario | Documents in | Examples committed | Lost | Duplicated | Time to recover |"
          + " Measured |";
  static final String RULE = "|---|---:|---:|---:|---:|---|---|";

  /** The system property naming the file the reliability profile rewrites (unset: print only). */
  public static final String REPORT_PROPERTY = "bertstream.reliability.report";

  private ReliabilityTable() {}

  /** The file to rewrite, or null when the build did not ask for one. */
  public static Path reportFile() {
    String value = System.getProperty(REPORT_PROPERTY);
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  /** One table row for {@code outcome}, measured on {@code date} ({@code measured} says how). */
  public static String row(FaultOutcome outcome, LocalDate date, String measured) {
    return "| "
        + outcome.scenario()
        + " | "
        + outcome.documentsIn()
        + " | "
        + outcome.examplesCommitted()
        + " | "
        + outcome.lost()
        + " | "
        + outcome.duplicated()
        + " | "
        + outcome.recoveryCell()
        + " | "
        + date
        + ", "
        + measured
        + " |";
  }

  /** The whole table for {@code outcomes} alone, for printing. */
  public static String render(List<FaultOutcome> outcomes, LocalDate date, String measured) {
    StringBuilder table = new StringBuilder(HEADER).append('\n').append(RULE).append('\n');
    for (FaultOutcome outcome : outcomes) {
      table.append(row(outcome, date, measured)).append('\n');
    }
    return table.toString();
  }

  /**
   * Replaces or appends the rows of {@code outcomes} in {@code file}'s table.
   *
   * @throws IllegalStateException when the file has no table between the markers
   */
  public static void write(Path file, List<FaultOutcome> outcomes, LocalDate date, String measured)
      throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(
          file + " has no fault table: put the lines " + BEGIN + " and " + END + " around it");
    }
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : text.substring(begin + BEGIN.length(), end).split("\n")) {
      String scenario = scenarioOf(line);
      if (scenario != null) {
        rows.put(scenario, line.strip());
      }
    }
    for (FaultOutcome outcome : outcomes) {
      rows.put(outcome.scenario(), row(outcome, date, measured));
    }
    List<String> lines = new ArrayList<>();
    lines.add(BEGIN);
    lines.add(HEADER);
    lines.add(RULE);
    lines.addAll(rows.values());
    String table = String.join("\n", lines) + "\n";
    Files.writeString(
        file, text.substring(0, begin) + table + text.substring(end), StandardCharsets.UTF_8);
  }

  /** The first cell of a body row; null for the header, the rule and anything not a row. */
  static String scenarioOf(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("|") || trimmed.startsWith("|---")) {
      return null;
    }
    int next = trimmed.indexOf('|', 1);
    String cell = next < 0 ? "" : trimmed.substring(1, next).strip();
    return cell.isEmpty() || cell.equals("Scenario") ? null : cell;
  }
}
