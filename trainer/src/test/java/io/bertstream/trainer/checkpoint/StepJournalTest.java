package io.bertstream.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepJournalTest {

  @TempDir Path dir;

  @Test
  void shouldDropStepsAfterTheResumedCheckpointAndATornLine() throws IOException {
    Path file = dir.resolve("ledger.jsonl");
    try (StepJournal journal = StepJournal.open(file, 0)) {
      for (int step = 1; step <= 5; step++) {
        journal.append(Map.of("step", step, "loss", 1.0 / step));
      }
    }
    Files.writeString(file, "{\"step\":6,\"lo", StandardOpenOption.APPEND);

    try (StepJournal journal = StepJournal.open(file, 3)) {
      journal.append(Map.of("step", 4, "loss", 0.2));
    }

    assertThat(StepJournal.read(file))
        .extracting(node -> node.get("step").asLong())
        .containsExactly(1L, 2L, 3L, 4L);
  }
}
