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

  /** The preset's configuration with these overrides applied. */
  public BertConfig apply(String preset, int vocabSize) {
    BertConfig config = BertConfig.preset(preset, vocabSize);
    if (layers != null) {
      config = config.withNumLayers(layers);
    }
    if (hidden != null) {
      config = config.withHiddenSize(hidden);
    }
    if (heads != null) {
      config = config.withNumHeads(heads);
    }
    if (intermediate != null) {
      config = config.withIntermediateSize(intermediate);
    }
    if (maxPositions != null) {
      config = config.withMaxPositions(maxPositions);
    }
    if (dropout != null) {
      config = config.withDropout(dropout);
    }
    return config;
  }
}
