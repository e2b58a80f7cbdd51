package io.bertstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each block against values computed by hand. */
class BlocksTest {

  private static final float TOL = 1e-5f;
  private static final float SQRT2 = (float) Math.sqrt(2);

  private NDManager manager;
  private ParameterStore store;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
    store = new ParameterStore(manager, false);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  /** Hidden size h, one head, no dropout. */
  private static BertConfig config(int vocab, int hidden, int heads, int intermediate) {
    return new BertConfig(vocab, hidden, 1, heads, intermediate, 4, 2, 0, 0, 1e-12, 0.02);
  }

  private NDList run(ai.djl.nn.Block block, NDArray... inputs) {
    return block.forward(store, new NDList(inputs), false);
  }

  @Test
  void shouldSumWordSegmentAndPositionEmbeddingsThenLayerNormEachToken() {
    BertConfig c = config(2, 3, 1, 4);
    BertEmbeddings block = new BertEmbeddings(c);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1, 2));
    Arrays2.set(block, "word_embeddings.weight", 1, 2, 3, 0, 0, 6);
    Arrays2.set(block, "token_type_embeddings.weight", 0, 0, 0, 1, 1, 1);
    Arrays2.set(block, "position_embeddings.weight", 0, 1, 0, 0, 0, 0, 5, 5, 5, 7, 7, 7);
    Arrays2.set(block, "LayerNorm.weight", 1, 2, 1);
    Arrays2.set(block, "LayerNorm.bias", 0, 0, 1);

    NDArray ids = manager.create(new int[] {0, 1}, new Shape(1, 2));
    NDArray types = manager.create(new int[] {0, 1}, new Shape(1, 2));
    float[] out = run(block, ids, types).head().toFloatArray();

    // token 0: [1,2,3]+[0,0,0]+[0,1,0] = [1,3,3], mean 7/3, var 8/9 -> [-√2, √2/2, √2/2]
    // token 1: [0,0,6]+[1,1,1]+[0,0,0] = [1,1,7], mean 3, var 8 -> [-√2/2, -√2/2, √2]
    // then * gamma [1,2,1] + beta [0,0,1]
    assertThat(out)
        .containsExactly(
            new float[] {-SQRT2, SQRT2, SQRT2 / 2 + 1, -SQRT2 / 2, -SQRT2, SQRT2 + 1}, within(TOL));
  }

  @Test
  void shouldUseOnlyTheFirstTPositionEmbeddings() {
    BertEmbeddings block = new BertEmbeddings(config(2, 3, 1, 4));
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4));
    NDArray ids = manager.create(new int[] {0, 1, 1}, new Shape(1, 3));
    assertThat(run(block, ids, ids.zerosLike()).head().getShape()).isEqualTo(new Shape(1, 3, 3));
  }

  @Test
  void shouldAttendByScaledDotProductAndIgnorePaddedKeys() {
    BertConfig c = config(2, 2, 1, 4);
    BertSelfAttention block = new BertSelfAttention(c);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 2), new Shape(1, 1, 1, 2));
    for (String p : new String[] {"query", "key", "value"}) {
      Arrays2.set(block, p + ".weight", 1, 0, 0, 1);
      Arrays2.set(block, p + ".bias", 0, 0);
    }
    NDArray x = manager.create(new float[] {1, 0, 0, 1}, new Shape(1, 2, 2));

    // scores = x·xᵀ/√2 = [[1/√2, 0], [0, 1/√2]]; softmax row 0 = [e, 1]/(e + 1), e = exp(1/√2)
    NDArray noMask = BertModel.maskBias(manager.create(new int[] {1, 1}, new Shape(1, 2)));
    float e = (float) Math.exp(1 / Math.sqrt(2));
    float p = e / (e + 1);
    assertThat(run(block, x, noMask).head().toFloatArray())
        .containsExactly(new float[] {p, 1 - p, 1 - p, p}, within(TOL));

    // token 1 is padding: both tokens read only token 0's value [1, 0]
    NDArray padSecond = BertModel.maskBias(manager.create(new int[] {1, 0}, new Shape(1, 2)));
    assertThat(run(block, x, padSecond).head().toFloatArray())
        .containsExactly(new float[] {1, 0, 1, 0}, within(TOL));
  }

  @Test
  void shouldSplitHeadsSoEachHeadAttendsWithinItsOwnSlice() {
    BertConfig c = config(2, 2, 2, 4);
    BertSelfAttention block = new BertSelfAttention(c);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 2), new Shape(1, 1, 1, 2));
    for (String p : new String[] {"query", "key", "value"}) {
      Arrays2.set(block, p + ".weight", 1, 0, 0, 1);
      Arrays2.set(block, p + ".bias", 0, 0);
    }
    NDArray x = manager.create(new float[] {1, 0, 0, 1}, new Shape(1, 2, 2));
    NDArray mask = BertModel.maskBias(manager.ones(new Shape(1, 2), DataType.INT32));
    // head 0 sees feature 0: scores (dh = 1) [[1,0],[0,0]]; head 1 sees feature 1: [[0,0],[0,1]]
    float e = (float) Math.E;
    float q = e / (e + 1);
    // token 0: head 0 probs [q, 1-q] over values [1, 0] -> q; head 1 probs [.5,.5] over [0,1]
    // token 1: head 0 probs [.5,.5] over [1, 0] -> .5; head 1 probs [1-q, q] over [0, 1] -> q
    assertThat(run(block, x, mask).head().toFloatArray())
        .containsExactly(new float[] {q, 0.5f, 0.5f, q}, within(TOL));
  }

  @Test
  void shouldApplyExactErfGelu() {
    BertIntermediate block = new BertIntermediate(config(2, 1, 1, 1));
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 1));
    Arrays2.set(block, "dense.weight", 1);
    Arrays2.set(block, "dense.bias", 0);
    NDArray x = manager.create(new float[] {1, -1}, new Shape(1, 2, 1));
    // x·Φ(x): Φ(1) = 0.8413447 (the tanh approximation gives 0.8411920)
    assertThat(run(block, x).head().toFloatArray())
        .containsExactly(new float[] {0.8413447f, -0.1586553f}, within(1e-6f));
  }

  @Test
  void shouldNormalizeEachTokenOverTheHiddenAxisWithEpsilon1eMinus12() {
    LayerNorm norm = Layers.layerNorm(config(2, 2, 1, 4));
    norm.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 2));
    // Token 0 = [0, 2e-6] has variance 1e-12: with eps 1e-12 it normalises to ±1e-6/√(2e-12) =
    // ±1/√2; DJL's default eps 1e-5 would flatten it to about ±3e-4. Token 1 is on another scale
    // and must not affect token 0 (normalisation per token, not over the whole sequence).
    NDArray x = manager.create(new float[] {0, 2e-6f, 0, 2}, new Shape(1, 2, 2));
    float half = (float) (1 / Math.sqrt(2));
    assertThat(run(norm, x).head().toFloatArray())
        .containsExactly(new float[] {-half, half, -1, 1}, within(1e-4f));
  }

  @Test
  void shouldPoolTheFirstTokenThroughDenseAndTanh() {
    BertPooler pooler = new BertPooler(config(2, 2, 1, 4));
    pooler.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 2));
    Arrays2.set(pooler, "dense.weight", 1, 0, 0, 1);
    Arrays2.set(pooler, "dense.bias", 0, 0);
    NDArray x = manager.create(new float[] {0.5f, -1, 9, 9}, new Shape(1, 2, 2));
    assertThat(run(pooler, x).head().toFloatArray())
        .containsExactly(new float[] {(float) Math.tanh(0.5), (float) Math.tanh(-1)}, within(TOL));
  }

  @Test
  void shouldGatherOnlyTheMaskedPositions() {
    NDArray seq = manager.arange(12f).reshape(2, 3, 2);
    NDArray positions = manager.create(new int[] {2, 0, 1, 1}, new Shape(2, 2));
    NDArray gathered = MaskedLmHead.gatherPositions(seq, positions);
    assertThat(gathered.getShape()).isEqualTo(new Shape(2, 2, 2));
    assertThat(gathered.toFloatArray()).containsExactly(4, 5, 0, 1, 8, 9, 8, 9);
  }

  @Test
  void shouldDecodeMaskedPositionsWithTheTiedWordEmbeddingsPlusOwnBias() {
    BertConfig c = config(3, 2, 1, 4);
    EmbeddingTable words = new EmbeddingTable(3, 2);
    words.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    words.weight().getArray().set(new float[] {1, 0, 0, 1, 2, 2});
    PreTrainingHeads heads = new PreTrainingHeads(c, words.weight());
    heads.initialize(
        manager, DataType.FLOAT32, new Shape(1, 2, 2), new Shape(1, 2), new Shape(1, 1));
    Arrays2.set(heads, "predictions.transform.dense.weight", 1, 0, 0, 1);
    Arrays2.set(heads, "predictions.transform.dense.bias", 0, 0);
    Arrays2.set(heads, "predictions.bias", 0.5f, 0, 0);
    Arrays2.set(heads, "seq_relationship.weight", 1, 0, 0, 1);
    Arrays2.set(heads, "seq_relationship.bias", 0, 0.1f);

    NDArray sequence = manager.create(new float[] {9, 9, 1, 3}, new Shape(1, 2, 2));
    NDArray pooled = manager.create(new float[] {0.25f, -0.5f}, new Shape(1, 2));
    NDArray positions = manager.create(new int[] {1}, new Shape(1, 1));
    NDList out = run(heads, sequence, pooled, positions);

    // position 1 = [1, 3] -> gelu -> LayerNorm of 2 distinct values = [-1, 1]
    // logits = [-1, 1]·[[1,0],[0,1],[2,2]]ᵀ + [0.5, 0, 0] = [-0.5, 1, 0]
    assertThat(out.get(0).getShape()).isEqualTo(new Shape(1, 1, 3));
    assertThat(out.get(0).toFloatArray()).containsExactly(new float[] {-0.5f, 1, 0}, within(TOL));
    // NSP: identity dense on the pooled vector plus bias [0, 0.1]
    assertThat(out.get(1).toFloatArray()).containsExactly(new float[] {0.25f, -0.4f}, within(TOL));
    // the decoder weight is not a parameter of the heads: it belongs to the embeddings
    assertThat(HuggingFaceNames.of(heads)).doesNotContainKey("predictions.decoder.weight");
    assertThat(HuggingFaceNames.of(heads).values()).doesNotContain(words.weight());
  }
}
