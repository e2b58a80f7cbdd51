package io.bertstream.trainer.checkpoint;

/**
 * Names of the files inside a checkpoint directory, besides the manifest and the tokenizer's
 * ({@code HuggingFaceTokenizerFiles.FILES}).
 */
public final class CheckpointFiles {

  /** Parameters as safetensors, named by their HuggingFace state-dict keys. */
  public static final String MODEL = "model.safetensors";

  /** AdamW moments and update counts, keyed by parameter name; transformers ignores it. */
  public static final String OPTIMIZER = "optimizer.safetensors";

  /** HuggingFace's BERT {@code config.json}: the model's shape and what computes it. */
  public static final String CONFIG = "config.json";

  private CheckpointFiles() {}
}
