package io.bertstream.trainer.checkpoint;

import io.bertstream.trainer.input.InputPosition;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run starts: after the newest checkpoint, or at the very beginning.
 *
 * @param step optimizer steps already taken
 * @param examples examples already trained on
 * @param tokens tokens already trained on; null after a checkpoint that predates counting them
 * @param input where reading resumes
 * @param checkpoint the checkpoint's directory, empty at the beginning
 */
public record ResumePoint(
    long step, long examples, Long tokens, InputPosition input, Optional<Path> checkpoint) {

  /** No step taken, every partition read from its beginning. */
  public static ResumePoint beginning() {
    return new ResumePoint(0, 0, 0L, InputPosition.start(), Optional.empty());
  }

  /** Right after {@code checkpoint}. */
  public static ResumePoint after(StoredCheckpoint checkpoint) {
    CheckpointManifest manifest = checkpoint.manifest();
    return new ResumePoint(
        manifest.step(),
        manifest.examples(),
        manifest.tokens(),
        manifest.input(),
        Optional.of(checkpoint.directory()));
  }
}
