package io.bertstream.trainer.checkpoint;

/**
 * Whether a run may continue from a checkpoint: its model was trained on the same tokenizer's ids,
 * and its offsets are offsets of the topic this run reads. Either mismatch would silently train on
 * the wrong tokens or the wrong records, so it stops the run before a step is taken.
 */
public final class ResumeCheck {

  private ResumeCheck() {}

  /**
   * @throws IllegalStateException naming the checkpoint and both values when they differ
   */
  public static void requireCompatible(
      StoredCheckpoint checkpoint, String tokenizerId, String topic) {
    CheckpointManifest manifest = checkpoint.manifest();
    if (!manifest.tokenizerId().equals(tokenizerId)) {
      throw new IllegalStateException(
          "checkpoint "
              + checkpoint.directory()
              + " was trained with tokenizer "
              + manifest.tokenizerId()
              + ", --tokenizer is "
              + tokenizerId);
    }
    if (!manifest.topic().equals(topic)) {
      throw new IllegalStateException(
          "checkpoint "
              + checkpoint.directory()
              + " holds offsets of "
              + manifest.topic()
              + ", not of "
              + topic);
    }
  }
}
