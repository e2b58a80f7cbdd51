package io.bertstream.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityTableTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

  @TempDir Path dir;

  @Test
  void shouldReplaceItsOwnRowsAndKeepEveryOtherRowAndTheTextAround() throws Exception {
    Path file = dir.resolve("RELIABILITY.md");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# Reliability",
            "",
            ReliabilityTable.BEGIN,
            ReliabilityTable.HEADER,
            ReliabilityTable.RULE,
            "| stream: kill | 1 | 2 | 0 | 0 | 1.0 s | old |",
            "| registry outage | pending | pending | pending | pending | pending | - |",
            ReliabilityTable.END,
            "",
            "How to read it.",
            ""),
        StandardCharsets.UTF_8);

    ReliabilityTable.write(
        file,
        List.of(
            new FaultOutcome(
                "stream: kill", 233, 9000, 0, 0, List.of(Duration.ofMillis(14_250), Duration.ZERO)),
            new FaultOutcome("broker restart", 233, 9000, 0, 0, List.of())),
        DAY,
        "full corpus");

    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly(
            "# Reliability",
            "",
            ReliabilityTable.BEGIN,
            ReliabilityTable.HEADER,
            ReliabilityTable.RULE,
            "| stream: kill | 233 | 9000 | 0 | 0 | 14.3 s, 0.0 s | 2026-11-23, full corpus |",
            "| registry outage | pending | pending | pending | pending | pending | - |",
            "| broker restart | 233 | 9000 | 0 | 0 | - | 2026-11-23, full corpus |",
            ReliabilityTable.END,
            "",
            "How to read it.");
  }

  @Test
  void shouldRefuseAFileWithoutTheTableMarkers() throws Exception {
    Path file = dir.resolve("RELIABILITY.md");
    Files.writeString(file, "# Reliability\n", StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                ReliabilityTable.write(
                    file, List.of(new FaultOutcome("x", 1, 1, 0, 0, List.of())), DAY, "m"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ReliabilityTable.BEGIN);
  }

  @Test
  void shouldRejectAScenarioNameThatIsNotOneCell() {
    assertThatThrownBy(() -> new FaultOutcome("a | b", 1, 1, 0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
