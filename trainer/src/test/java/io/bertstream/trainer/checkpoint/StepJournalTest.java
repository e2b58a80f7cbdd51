package io.bertstream.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.input.OffsetRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepJournalTest {

  @TempDir Path dir;

  @Test
  void shouldDropStepsAfterTheResumedCheckpointAndATornLine() throws IOException {
    Path file = dir.resolve(LedgerEntry.FILE);
    try (StepJournal<LedgerEntry> journal = StepJournal.open(file, 0)) {
      for (int step = 1; step <= 5; step++) {
        journal.append(entry(step, 1.0 / step));
      }
    }
    Files.writeString(file, "{\"step\":6,\"lo", StandardOpenOption.APPEND);

    try (StepJournal<LedgerEntry> journal = StepJournal.open(file, 3)) {
      journal.append(entry(4, 0.2));
    }

    assertThat(StepJournal.read(file, LedgerEntry.class))
        .extracting(LedgerEntry::step)
        .containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void shouldWriteTheLedgerInItsDocumentedFormatAndReadItBack() throws IOException {
    Path file = dir.resolve(LedgerEntry.FILE);
    LedgerEntry entry =
        new LedgerEntry(
            12,
            new TreeMap<>(Map.of(2, new OffsetRange(14, 15), 0, new OffsetRange(15, 15))),
            3,
            4.77);
    try (StepJournal<LedgerEntry> journal = StepJournal.open(file, 0)) {
      journal.append(entry);
    }

    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly(
            "{\"step\":12,\"offsets\":{\"0\":[15,15],\"2\":[14,15]},\"examples\":3,\"loss\":4.77}");
    assertThat(StepJournal.read(file, LedgerEntry.class)).containsExactly(entry);
  }

  @Test
  void shouldReadNoEntriesFromAFileNotWrittenYet() throws IOException {
    assertThat(StepJournal.read(dir.resolve("absent.jsonl"), LedgerEntry.class)).isEmpty();
  }

  private static LedgerEntry entry(long step, double loss) {
    return new LedgerEntry(step, new TreeMap<>(Map.of(0, new OffsetRange(step, step))), 1, loss);
  }
}
