package io.bertstream.trainer.model;

import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;

/** Factories for the DJL general blocks the model is made of, configured as BERT needs them. */
final class Layers {

  private Layers() {}

  static Linear linear(long units) {
    return Linear.builder().setUnits(units).optBias(true).build();
  }

  /**
   * Per-token LayerNorm over the hidden axis of a {@code [B, T, H]} input. DJL's default normalises
   * over every non-batch axis with eps 1e-5, which is not BERT's.
   */
  static LayerNorm layerNorm(BertConfig config) {
    return LayerNorm.builder().axis(2).optEpsilon((float) config.layerNormEps()).build();
  }

  static Dropout dropout(double rate) {
    return Dropout.builder().optRate((float) rate).build();
  }
}
