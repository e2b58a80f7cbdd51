package io.bertstream.trainer;

import io.bertstream.trainer.model.BertConfig;

/**
 * Sizes the user set explicitly on top of a preset; {@code null} keeps the preset's value.
 *
 * @param layers encoder layers
 * @param hidden hidden size
 * @param heads attention heads
 * @param intermediate feed-forward width
 * @param maxPositions longest sequence the model accepts
 * @param dropout hidden and attention dropout
 */
public record ModelOverrides(
    Integer layers,
    Integer hidden,
    Integer heads,
    Integer intermediate,
    Integer maxPositions,
    Double dropout) {

  public static ModelOverrides none() {
    return new ModelOverrides(null, null, null, null, null, null);
  }

  /** The preset's configuration with these overrides applied (validated as a whole). */
  public BertConfig apply(String preset, int vocabSize) {
    BertConfig.Builder config = BertConfig.preset(preset, vocabSize).toBuilder();
    if (layers != null) {
      config.numLayers(layers);
    }
    if (hidden != null) {
      config.hiddenSize(hidden);
    }
    if (heads != null) {
      config.numHeads(heads);
    }
    if (intermediate != null) {
      config.intermediateSize(intermediate);
    }
    if (maxPositions != null) {
      config.maxPositions(maxPositions);
    }
    if (dropout != null) {
      config.dropout(dropout);
    }
    return config.build();
  }
}
