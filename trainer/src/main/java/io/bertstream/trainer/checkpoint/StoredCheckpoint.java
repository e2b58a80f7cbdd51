package io.bertstream.trainer.checkpoint;

import java.nio.file.Path;

/** A complete checkpoint on disk. */
public record StoredCheckpoint(Path directory, CheckpointManifest manifest) {

  public Path file(String name) {
    if (!manifest.files().containsKey(name)) {
      throw new IllegalArgumentException("checkpoint " + directory + " has no file " + name);
    }
    return directory.resolve(name);
  }

  public long step() {
    return manifest.step();
  }
}
