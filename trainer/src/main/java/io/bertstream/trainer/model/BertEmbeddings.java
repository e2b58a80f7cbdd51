package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Word + segment + position embeddings, then LayerNorm and dropout. Input {@code (inputIds [B,T],
 * tokenTypeIds [B,T])}, output {@code [B,T,H]}. Only the first T position embeddings are used, so
 * any length up to {@code maxPositions} works.
 */
public final class BertEmbeddings extends AbstractBlock {

  private final BertConfig config;
  private final EmbeddingTable wordEmbeddings;
  private final EmbeddingTable positionEmbeddings;
  private final EmbeddingTable tokenTypeEmbeddings;
  private final LayerNorm layerNorm;
  private final Dropout dropout;

  public BertEmbeddings(BertConfig config) {
    this.config = config;
    int h = config.hiddenSize();
    wordEmbeddings = addChildBlock("word_embeddings", new EmbeddingTable(config.vocabSize(), h));
    positionEmbeddings =
        addChildBlock("position_embeddings", new EmbeddingTable(config.maxPositions(), h));
    tokenTypeEmbeddings =
        addChildBlock("token_type_embeddings", new EmbeddingTable(config.typeVocabSize(), h));
    layerNorm = addChildBlock("LayerNorm", Layers.layerNorm(config));
    dropout = addChildBlock("dropout", Layers.dropout(config.hiddenDropout()));
  }

  /** The word-embedding table, shared with the MLM decoder. */
  public EmbeddingTable wordEmbeddings() {
    return wordEmbeddings;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray types = inputs.get(1);
    long t = ids.getShape().get(1);
    if (t > config.maxPositions()) {
      throw new IllegalArgumentException(
          "sequence length " + t + " exceeds maxPositions " + config.maxPositions());
    }
    NDArray words = wordEmbeddings.forward(ps, new NDList(ids), training).head();
    NDArray segments = tokenTypeEmbeddings.forward(ps, new NDList(types), training).head();
    NDArray positions =
        ps.getValue(positionEmbeddings.weight(), ids.getDevice(), training)
            .get(new NDIndex("0:{}", t));
    // The slice would belong to the parameter's long-lived manager; keep it with this batch's.
    positions.attach(ids.getManager());
    // Same order of additions as HuggingFace, so float results agree bit for bit more often.
    NDArray sum = words.add(segments).add(positions);
    NDArray normed = layerNorm.forward(ps, new NDList(sum), training).head();
    return dropout.forward(ps, new NDList(normed), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    Shape hidden = ids.add(config.hiddenSize());
    wordEmbeddings.initialize(manager, dataType, ids);
    positionEmbeddings.initialize(manager, dataType, ids);
    tokenTypeEmbeddings.initialize(manager, dataType, ids);
    layerNorm.initialize(manager, dataType, hidden);
    dropout.initialize(manager, dataType, hidden);
  }
}
