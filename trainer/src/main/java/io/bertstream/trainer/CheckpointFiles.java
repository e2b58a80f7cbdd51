package io.bertstream.trainer;

/** Names of the files inside a checkpoint directory. */
final class CheckpointFiles {

  /** Parameters as safetensors, named by their HuggingFace state-dict keys. */
  static final String MODEL = "model.safetensors";

  /** AdamW moments and update counts, keyed by parameter name. */
  static final String OPTIMIZER = "optimizer.safetensors";

  /** The model's shape, in HuggingFace's config.json keys. */
  static final String CONFIG = "config.json";

  private CheckpointFiles() {}
}
