package io.bertstream.trainer;

/**
 * Observes the points of the checkpoint protocol; the default does nothing. Tests use it to kill a
 * child process at an exact point (between the durable checkpoint and the offset commit, say).
 */
public interface TrainingListener {

  /** A step was trained and logged to the ledger, before any checkpoint of it. */
  default void stepTrained(long step) {}

  /** The checkpoint of {@code step} is durable; its offsets are not committed to the group yet. */
  default void checkpointWritten(long step) {}

  /** The checkpoint's offsets were committed to the consumer group. */
  default void offsetsCommitted(long step) {}

  TrainingListener NONE = new TrainingListener() {};
}
