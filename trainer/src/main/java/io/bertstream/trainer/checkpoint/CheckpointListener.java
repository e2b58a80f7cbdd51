package io.bertstream.trainer.checkpoint;

/**
 * Observes the points of the {@link CheckpointProtocol}, in this order: the checkpoint about to be
 * written, each of its files written, the checkpoint complete, its offsets committed. The default
 * does nothing. Fault tests use it to kill a process at an exact point (inside the checkpoint
 * write, or between the durable checkpoint and the offset commit), so every point must be one the
 * protocol recovers from.
 */
public interface CheckpointListener {

  /**
   * The checkpoint of {@code step} is about to be written, before the journals are synced: what a
   * listener logged up to {@code step} should be made durable now, since a run resumed from this
   * checkpoint will not log those steps again.
   */
  default void checkpointStarting(long step) {}

  /**
   * {@code file} of the checkpoint of {@code step} is synced in the checkpoint's temporary
   * directory; {@link CheckpointStore#MANIFEST} comes last. The checkpoint does not exist until the
   * directory is renamed, just before {@link #checkpointWritten}.
   */
  default void checkpointFileWritten(long step, String file) {}

  /** The checkpoint of {@code step} is durable; its offsets are not committed to the group yet. */
  default void checkpointWritten(long step) {}

  /** The checkpoint's offsets were committed to the consumer group. */
  default void offsetsCommitted(long step) {}
}
