package io.bertstream.trainer.checkpoint;

import io.bertstream.trainer.input.InputPosition;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run starts: after the newest checkpoint, or at the very beginning.
 *
 * @param progress the run's position (steps, examples, input, training time, …)
 * @param checkpoint the checkpoint's directory, empty at the beginning
 */
public record ResumePoint(Progress progress, Optional<Path> checkpoint) {

  /** No step taken, every partition read from its beginning. */
  public static ResumePoint beginning() {
    return new ResumePoint(Progress.beginning(), Optional.empty());
  }

  /** Right after {@code checkpoint}. */
  public static ResumePoint after(StoredCheckpoint checkpoint) {
    return new ResumePoint(Progress.of(checkpoint.manifest()), Optional.of(checkpoint.directory()));
  }

  /** Optimizer steps already taken. */
  public long step() {
    return progress.step();
  }

  /** Examples already trained on. */
  public long examples() {
    return progress.examples();
  }

  /** Tokens already trained on; null after a checkpoint that predates counting them. */
  public Long tokens() {
    return progress.tokens();
  }

  /** Where reading resumes. */
  public InputPosition input() {
    return progress.input();
  }
}
