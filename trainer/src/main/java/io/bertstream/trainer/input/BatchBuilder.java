package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Pads composed examples into a {@link Batch}: to the batch's longest sequence and mask count. */
public final class BatchBuilder {

  private final int padId;

  public BatchBuilder(int padId) {
    this.padId = padId;
  }

  /** A batch of the first pass over the topic. */
  public Batch build(RoundRobinComposer.Composed composed) {
    return build(composed, 1);
  }

  /** A batch of pass {@code pass} over the topic. */
  public Batch build(RoundRobinComposer.Composed composed, int pass) {
    List<FetchedExample> examples = composed.examples();
    int size = examples.size();
    int length = 1;
    int predictions = 1;
    for (FetchedExample fetched : examples) {
      length = Math.max(length, fetched.example().getInputIds().size());
      predictions = Math.max(predictions, fetched.example().getMaskedPositions().size());
    }
    int[] inputIds = new int[size * length];
    java.util.Arrays.fill(inputIds, padId);
    int[] tokenTypes = new int[size * length];
    int[] attention = new int[size * length];
    int[] positions = new int[size * predictions];
    int[] labels = new int[size * predictions];
    float[] weights = new float[size * predictions];
    int[] nsp = new int[size];
    SortedMap<Integer, OffsetRange> offsets = new TreeMap<>();
    long tokens = 0;
    for (int row = 0; row < size; row++) {
      FetchedExample fetched = examples.get(row);
      PretrainingExample example = fetched.example();
      List<Integer> ids0 = example.getInputIds();
      int segmentB = example.getSegmentBStart();
      for (int t = 0; t < ids0.size(); t++) {
        inputIds[row * length + t] = ids0.get(t);
        tokenTypes[row * length + t] = t >= segmentB ? 1 : 0;
        attention[row * length + t] = 1;
      }
      tokens += ids0.size();
      List<Integer> masked = example.getMaskedPositions();
      List<Integer> maskedLabels = example.getMaskedLabels();
      for (int p = 0; p < masked.size(); p++) {
        positions[row * predictions + p] = masked.get(p);
        labels[row * predictions + p] = maskedLabels.get(p);
        weights[row * predictions + p] = 1f;
      }
      nsp[row] = example.getIsRandomNext() ? 1 : 0;
      offsets.merge(
          fetched.partition(),
          new OffsetRange(fetched.offset(), fetched.offset()),
          (a, b) -> new OffsetRange(Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
    }
    return new Batch(
        size,
        length,
        predictions,
        inputIds,
        tokenTypes,
        attention,
        positions,
        labels,
        weights,
        nsp,
        offsets,
        composed.cursorAfter(),
        tokens,
        pass);
  }
}
