package io.bertstream.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.checkpoint.StepJournal;
import io.bertstream.trainer.inference.FillMask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines of metrics.jsonl keep their documented flat shape and read back as written. */
class EvalEntryTest {

  @TempDir Path dir;

  @Test
  void shouldWriteScoresAsFlatEvalFieldsBeforeTheProbesAndReadThemBack() throws IOException {
    EvalEntry entry =
        new EvalEntry(
            500,
            Optional.of(new EvalScores(6.25, 0.125, 0.5, 256)),
            Map.of("the [MASK] of", List.of(List.of(new FillMask.Guess("state", 0.25f)))));

    assertThat(roundTrip(entry))
        .isEqualTo(
            "{\"step\":500,\"eval_mlm_loss\":6.25,\"eval_mlm_accuracy\":0.125,"
                + "\"eval_nsp_accuracy\":0.5,\"eval_examples\":256,"
                + "\"probes\":{\"the [MASK] of\":[[{\"token\":\"state\",\"probability\":0.25}]]}}");
    assertThat(StepJournal.read(dir.resolve(EvalEntry.FILE), EvalEntry.class))
        .containsExactly(entry);
  }

  @Test
  void shouldWriteTheRecentSetsScoresAsFlatRecentFieldsAndReadThemBack() throws IOException {
    EvalEntry entry =
        new EvalEntry(
            600,
            Optional.of(new EvalScores(6.0, 0.25, 0.5, 256)),
            Optional.of(new EvalScores(6.5, 0.125, 0.75, 96)),
            Map.of());

    assertThat(roundTrip(entry))
        .isEqualTo(
            "{\"step\":600,\"eval_mlm_loss\":6.0,\"eval_mlm_accuracy\":0.25,"
                + "\"eval_nsp_accuracy\":0.5,\"eval_examples\":256,\"recent_mlm_loss\":6.5,"
                + "\"recent_mlm_accuracy\":0.125,\"recent_nsp_accuracy\":0.75,"
                + "\"recent_examples\":96}");
    assertThat(StepJournal.read(dir.resolve(EvalEntry.FILE), EvalEntry.class))
        .containsExactly(entry);
  }

  @Test
  void shouldLeaveOutTheScoresWithoutASampleAndTheProbesWithoutProbes() throws IOException {
    EvalEntry entry = new EvalEntry(10, Optional.empty(), Map.of());

    assertThat(roundTrip(entry)).isEqualTo("{\"step\":10}");
    EvalEntry read = StepJournal.read(dir.resolve(EvalEntry.FILE), EvalEntry.class).get(0);
    assertThat(read.scores()).isEmpty();
    assertThat(read.recent()).isEmpty();
    assertThat(read.probes()).isEmpty();
  }

  private String roundTrip(EvalEntry entry) throws IOException {
    Path file = dir.resolve(EvalEntry.FILE);
    try (StepJournal<EvalEntry> journal = StepJournal.open(file, 0)) {
      journal.append(entry);
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
  }
}
