package io.bertstream.trainer.checkpoint;

/**
 * Observes the points of the {@link CheckpointProtocol}; the default does nothing. Tests use it to
 * kill a process at an exact point (between the durable checkpoint and the offset commit, say).
 */
public interface CheckpointListener {

  /** The checkpoint of {@code step} is durable; its offsets are not committed to the group yet. */
  default void checkpointWritten(long step) {}

  /** The checkpoint's offsets were committed to the consumer group. */
  default void offsetsCommitted(long step) {}
}
