package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A lookup table {@code [rows, dim]} with one parameter named {@code weight}, like torch's {@code
 * nn.Embedding}. DJL's own embeddings map items through a vocabulary object; BERT only needs ids.
 */
public final class EmbeddingTable extends AbstractBlock {

  private final Parameter weight;
  private final int dim;

  public EmbeddingTable(int rows, int dim) {
    this.dim = dim;
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, dim))
                .build());
  }

  /** The table itself, for blocks that read it directly (positions, the tied MLM decoder). */
  public Parameter weight() {
    return weight;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray table = parameterStore.getValue(weight, ids.getDevice(), training);
    return Embedding.embedding(ids, table, SparseFormat.DENSE);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(dim)};
  }
}
