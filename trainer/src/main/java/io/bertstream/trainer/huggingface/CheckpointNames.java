package io.bertstream.trainer.huggingface;

/**
 * Maps the names HuggingFace BERT checkpoints have used over the years onto the names {@link
 * io.bertstream.trainer.model.HuggingFaceNames} gives this trainer's parameters: a bare {@code
 * BertModel} saves its tensors without the {@code bert.} prefix, checkpoints converted from the
 * original TensorFlow BERT call LayerNorm's scale and shift {@code gamma} and {@code beta}, and
 * {@code cls.predictions.decoder.bias} is the same tensor as {@code cls.predictions.bias}.
 */
final class CheckpointNames {

  static final String WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight";
  static final String DECODER_WEIGHT = "cls.predictions.decoder.weight";
  static final String PREDICTIONS_BIAS = "cls.predictions.bias";
  static final String DECODER_BIAS = "cls.predictions.decoder.bias";

  private static final String PREFIX = "bert.";

  private CheckpointNames() {}

  /** The trainer's name for a stored tensor; names it does not know come back unchanged. */
  static String canonical(String stored) {
    String name = stored;
    if (name.startsWith("embeddings.")
        || name.startsWith("encoder.")
        || name.startsWith("pooler.")) {
      name = PREFIX + name;
    }
    if (name.endsWith("LayerNorm.gamma")) {
      name = name.substring(0, name.length() - "gamma".length()) + "weight";
    } else if (name.endsWith("LayerNorm.beta")) {
      name = name.substring(0, name.length() - "beta".length()) + "bias";
    }
    if (name.equals(DECODER_BIAS)) {
      name = PREDICTIONS_BIAS;
    }
    return name;
  }

  /**
   * True for the encoder proper (embeddings and layers), which an import must find; the pooler and
   * the heads may be missing and start fresh.
   */
  static boolean required(String name) {
    return name.startsWith("bert.embeddings.") || name.startsWith("bert.encoder.");
  }
}
