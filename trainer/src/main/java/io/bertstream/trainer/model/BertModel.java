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
 * The BERT encoder without heads. Input {@code (inputIds [B,T], tokenTypeIds [B,T], attentionMask
 * [B,T])}; output {@code (sequence [B,T,H], pooled [B,H])}.
 */
public final class BertModel extends AbstractBlock {

  /** Added to the attention scores of padding keys (original BERT's value; safe in fp16). */
  static final float MASKED_SCORE = -10000f;

  private final BertConfig config;
  private final BertEmbeddings embeddings;
  private final BertEncoder encoder;
  private final BertPooler pooler;

  public BertModel(BertConfig config) {
    this.config = config;
    embeddings = addChildBlock("embeddings", new BertEmbeddings(config));
    encoder = addChildBlock("encoder", new BertEncoder(config));
    pooler = addChildBlock("pooler", new BertPooler(config));
  }

  public BertEmbeddings embeddings() {
    return embeddings;
  }

  /** {@code [B,T]} mask of 1 (real) / 0 (pad) to an additive {@code [B,1,1,T]} score bias. */
  static NDArray maskBias(NDArray attentionMask) {
    Shape s = attentionMask.getShape();
    return attentionMask
        .toType(DataType.FLOAT32, false)
        .sub(1f)
        .mul(-MASKED_SCORE)
        .reshape(s.get(0), 1, 1, s.get(1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray hidden =
        embeddings.forward(ps, new NDList(inputs.get(0), inputs.get(1)), training).head();
    NDArray sequence =
        encoder.forward(ps, new NDList(hidden, maskBias(inputs.get(2))), training).head();
    NDArray pooled = pooler.forward(ps, new NDList(sequence), training).head();
    return new NDList(sequence, pooled);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    return new Shape[] {ids.add(config.hiddenSize()), new Shape(ids.get(0), config.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    Shape hidden = ids.add(config.hiddenSize());
    embeddings.initialize(manager, dataType, ids, ids);
    encoder.initialize(manager, dataType, hidden, new Shape(ids.get(0), 1, 1, ids.get(1)));
    pooler.initialize(manager, dataType, hidden);
  }
}
