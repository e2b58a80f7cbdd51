package io.bertstream.trainer.checkpoint;

import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.input.OffsetRange;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run's position besides its arrays: what each checkpoint's manifest records and a resumed run
 * continues from.
 *
 * @param step optimizer steps taken
 * @param examples examples trained on
 * @param tokens tokens trained on; null after a checkpoint that predates counting them
 * @param input where reading resumes (pass, offsets, cursor)
 * @param trainingTime training time so far, earlier runs included
 * @param timeBudget the run's time budget, null for none
 * @param estimatedLastStep where a schedule ends that {@code timeBudget} bounds, until its next
 *     estimate; 0 for none
 * @param evalSet the fixed evaluation set's offset ranges on the eval topic; empty until chosen
 */
public record Progress(
    long step,
    long examples,
    Long tokens,
    InputPosition input,
    Duration trainingTime,
    Duration timeBudget,
    long estimatedLastStep,
    SortedMap<Integer, OffsetRange> evalSet) {

  public Progress {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(trainingTime, "trainingTime");
    evalSet = Collections.unmodifiableSortedMap(new TreeMap<>(evalSet));
  }

  /** No step taken, every partition read from its beginning. */
  public static Progress beginning() {
    return new Progress(0, 0, 0L, InputPosition.start(), Duration.ZERO, null, 0, new TreeMap<>());
  }

  /** What {@code manifest} records. */
  public static Progress of(CheckpointManifest manifest) {
    return new Progress(
        manifest.step(),
        manifest.examples(),
        manifest.tokens(),
        manifest.input(),
        Duration.ofMillis(manifest.trainingMs() == null ? 0 : manifest.trainingMs()),
        manifest.timeBudgetMs() == null ? null : Duration.ofMillis(manifest.timeBudgetMs()),
        manifest.estimatedLastStep() == null ? 0 : manifest.estimatedLastStep(),
        manifest.evalSet() == null ? new TreeMap<>() : manifest.evalSet());
  }
}
