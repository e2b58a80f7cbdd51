package io.bertstream.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.input.OffsetRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTailTest {

  @TempDir Path dir;

  @Test
  void shouldReadWhatIsAppendedAndALineOnlyOnceItIsComplete() throws Exception {
    Path file = dir.resolve(LedgerEntry.FILE);
    JournalTail<LedgerEntry> tail = new JournalTail<>(file, LedgerEntry.class);
    assertThat(tail.entries()).as("no file yet").isEmpty();

    try (StepJournal<LedgerEntry> journal = StepJournal.open(file, 0)) {
      journal.append(entry(1));
      journal.append(entry(2));
      assertThat(tail.entries()).extracting(LedgerEntry::step).containsExactly(1L, 2L);
      String line =
          new String(
              new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(entry(3)),
              StandardCharsets.UTF_8);
      Files.writeString(file, line.substring(0, 10), StandardOpenOption.APPEND);
      assertThat(tail.entries())
          .as("half a line")
          .extracting(LedgerEntry::step)
          .containsExactly(1L, 2L);
      Files.writeString(file, line.substring(10) + "\n", StandardOpenOption.APPEND);
      assertThat(tail.entries()).extracting(LedgerEntry::step).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void shouldReadAFileCutBackByAResumedRunFromItsStart() throws Exception {
    Path file = dir.resolve(LedgerEntry.FILE);
    JournalTail<LedgerEntry> tail = new JournalTail<>(file, LedgerEntry.class);
    try (StepJournal<LedgerEntry> journal = StepJournal.open(file, 0)) {
      for (long step = 1; step <= 6; step++) {
        journal.append(entry(step));
      }
    }
    assertThat(tail.entries()).hasSize(6);

    try (StepJournal<LedgerEntry> resumed = StepJournal.open(file, 4)) {
      resumed.append(entry(5));
      assertThat(tail.entries()).extracting(LedgerEntry::step).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
  }

  private static LedgerEntry entry(long step) {
    return new LedgerEntry(
        step, new TreeMap<>(Map.of(0, new OffsetRange(step, step))), 1, 1.0 / step);
  }
}
