package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One post-LN encoder layer: {@code a = LN(x + Attn(x))}, {@code y = LN(a + FFN(a))}. The second
 * residual adds the attention output {@code a}, not the layer input (DJL's encoder gets this
 * wrong). Input {@code (x [B,T,H], maskBias [B,1,1,T])}.
 */
public final class BertLayer extends AbstractBlock {

  private final BertConfig config;
  private final BertAttention attention;
  private final BertIntermediate intermediate;
  private final ResidualOutput output;

  public BertLayer(BertConfig config) {
    this.config = config;
    attention = addChildBlock("attention", new BertAttention(config));
    intermediate = addChildBlock("intermediate", new BertIntermediate(config));
    output = addChildBlock("output", new ResidualOutput(config));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray a = attention.forward(ps, inputs, training).head();
    NDArray inner = intermediate.forward(ps, new NDList(a), training).head();
    return output.forward(ps, new NDList(inner, a), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = inputShapes[0];
    attention.initialize(manager, dataType, inputShapes);
    intermediate.initialize(manager, dataType, hidden);
    output.initialize(manager, dataType, hidden.slice(0, 2).add(config.intermediateSize()), hidden);
  }
}
