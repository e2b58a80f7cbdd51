package io.bertstream.trainer.checkpoint;

import java.io.IOException;

/** Lines written ahead of the next checkpoint, which the {@link CheckpointProtocol} syncs first. */
public interface Journal {

  /** Makes every line appended so far durable. */
  void sync() throws IOException;
}
