package io.bertstream.trainer.checkpoint;

/** Names of the files inside a checkpoint directory, besides the manifest and the tokenizer. */
public final class CheckpointFiles {

  /** Parameters as safetensors, named by their HuggingFace state-dict keys. */
  public static final String MODEL = "model.safetensors";

  /** AdamW moments and update counts, keyed by parameter name. */
  public static final String OPTIMIZER = "optimizer.safetensors";

  /** The model's shape, in HuggingFace's config.json keys. */
  public static final String CONFIG = "config.json";

  private CheckpointFiles() {}
}
