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

  /**
   * What {@code BertTokenizer.load} takes for this checkpoint's tokenizer: the directory itself
   * (HuggingFace's tokenizer files), or in the first format the one file copied into it.
   */
  public Path tokenizer() {
    if (manifest.format() == CheckpointManifest.FORMAT_SINGLE_TOKENIZER_FILE
        && manifest.tokenizerFile() != null) {
      return file(manifest.tokenizerFile());
    }
    return directory;
  }
}
