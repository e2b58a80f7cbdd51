package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The MLM head's transform: {@code LayerNorm(gelu(dense(x)))} on {@code [B,P,H]}. */
public final class PredictionTransform extends AbstractBlock {

  private final Linear dense;
  private final LayerNorm layerNorm;

  public PredictionTransform(BertConfig config) {
    dense = addChildBlock("dense", Layers.linear(config.hiddenSize()));
    layerNorm = addChildBlock("LayerNorm", Layers.layerNorm(config));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = Activation.gelu(dense.forward(ps, inputs, training).head());
    return layerNorm.forward(ps, new NDList(h), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    dense.initialize(manager, dataType, inputShapes[0]);
    layerNorm.initialize(manager, dataType, inputShapes[0]);
  }
}
