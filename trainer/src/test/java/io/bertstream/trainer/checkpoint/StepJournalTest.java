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
  void shouldWriteTheLearningRateAndALaterPassAndReadOldLinesAsTheFirstPass() throws IOException {
    Path file = dir.resolve(LedgerEntry.FILE);
    LedgerEntry entry =
        new LedgerEntry(13, new TreeMap<>(Map.of(0, new OffsetRange(0, 3))), 4, 4.5, 2.5e-4, 2);
    try (StepJournal<LedgerEntry> journal = StepJournal.open(file, 0)) {
      journal.append(entry);
    }

    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly(
            "{\"step\":13,\"pass\":2,\"offsets\":{\"0\":[0,3]},\"examples\":4,\"loss\":4.5,"
                + "\"lr\":2.5E-4}");
    assertThat(StepJournal.read(file, LedgerEntry.class)).containsExactly(entry);
    assertThat(entry(4, 1.0).pass()).isEqualTo(1);
    assertThat(entry(4, 1.0).learningRate()).isNull();
  }

  @Test
  void shouldCoverEveryMicroBatchOfAStepInOneRangePerPartition() {
    io.bertstream.trainer.input.BatchBuilder builder =
        new io.bertstream.trainer.input.BatchBuilder(0);
    java.util.List<io.bertstream.trainer.input.Batch> microBatches = new java.util.ArrayList<>();
    for (int first : new int[] {0, 2}) {
      java.util.List<io.bertstream.trainer.input.FetchedExample> examples =
          java.util.List.of(
              new io.bertstream.trainer.input.FetchedExample(
                  0, first, io.bertstream.trainer.TestExamples.example("t", 7, first)),
              new io.bertstream.trainer.input.FetchedExample(
                  1, first + 1, io.bertstream.trainer.TestExamples.example("t", 7, first + 1)));
      microBatches.add(
          builder.build(new io.bertstream.trainer.input.RoundRobinComposer.Composed(examples, 0)));
    }

    LedgerEntry entry = LedgerEntry.of(5, microBatches, 3.0, 1e-4);

    assertThat(entry.offsets())
        .isEqualTo(new TreeMap<>(Map.of(0, new OffsetRange(0, 2), 1, new OffsetRange(1, 3))));
    assertThat(entry.examples()).isEqualTo(4);
    assertThat(entry.learningRate()).isEqualTo(1e-4);
  }

  @Test
  void shouldReadNoEntriesFromAFileNotWrittenYet() throws IOException {
    assertThat(StepJournal.read(dir.resolve("absent.jsonl"), LedgerEntry.class)).isEmpty();
  }

  private static LedgerEntry entry(long step, double loss) {
    return new LedgerEntry(step, new TreeMap<>(Map.of(0, new OffsetRange(step, step))), 1, loss);
  }
}
