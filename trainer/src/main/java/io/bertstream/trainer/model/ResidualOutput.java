package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Post-LN sub-layer output: {@code LayerNorm(dropout(dense(h)) + residual)}. HuggingFace's {@code
 * BertSelfOutput} (after attention) and {@code BertOutput} (after the feed-forward layer). Input
 * {@code (h [B,T,in], residual [B,T,H])}, output {@code [B,T,H]}.
 */
public final class ResidualOutput extends AbstractBlock {

  private final BertConfig config;
  private final Linear dense;
  private final Dropout dropout;
  private final LayerNorm layerNorm;

  public ResidualOutput(BertConfig config) {
    this.config = config;
    dense = addChildBlock("dense", Layers.linear(config.hiddenSize()));
    dropout = addChildBlock("dropout", Layers.dropout(config.hiddenDropout()));
    layerNorm = addChildBlock("LayerNorm", Layers.layerNorm(config));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = dense.forward(ps, new NDList(inputs.get(0)), training).head();
    h = dropout.forward(ps, new NDList(h), training).head();
    return layerNorm.forward(ps, new NDList(h.add(inputs.get(1))), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[1]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape out = inputShapes[0].slice(0, 2).add(config.hiddenSize());
    dense.initialize(manager, dataType, inputShapes[0]);
    dropout.initialize(manager, dataType, out);
    layerNorm.initialize(manager, dataType, out);
  }
}
