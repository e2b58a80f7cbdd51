package io.bertstream.trainer.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.OffsetRange;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One line of {@code ledger.jsonl}, one per optimizer step: {@code
 * {"step":12,"offsets":{"0":[15,15],"2":[14,15]},"examples":4,"loss":4.77,"lr":1.0E-4}}; from the
 * second pass over the topic on ({@code --epochs}) also {@code "pass":2}.
 *
 * <p>Offsets, not ids, say which examples the step trained on: a batch takes each partition's
 * records in offset order, so the step's examples are exactly the committed records inside its
 * ranges (what a {@code read_committed} consumer sees; transaction markers take offsets too), less
 * the skipped ones (undecodable or malformed, counted as skipped). A step that accumulates several
 * micro-batches ({@code --accumulate}) covers all of them: they follow each other within one pass,
 * so per partition one range holds them. That makes the exactly-once promise checkable from the
 * file: per partition and pass the ranges of successive steps follow each other without overlap,
 * and a resumed run's ledger equals an uninterrupted run's line for line.
 *
 * @param step the optimizer step (counting from 1)
 * @param offsets partition → first and last offset the step consumed (both inclusive)
 * @param examples examples in the step (all its micro-batches)
 * @param loss the step's total loss (masked LM + next sentence)
 * @param learningRate the step's learning rate; null in lines that predate it
 * @param pass the pass over the topic the examples were read in, 1 for the first (lines without
 *     one)
 */
@JsonPropertyOrder({"step", "pass", "offsets", "examples", "loss", "lr"})
public record LedgerEntry(
    long step,
    SortedMap<Integer, OffsetRange> offsets,
    int examples,
    double loss,
    @JsonProperty("lr") @JsonInclude(JsonInclude.Include.NON_NULL) Double learningRate,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = FirstPass.class) int pass)
    implements JournalEntry {

  /** The ledger's file name in the checkpoint directory. */
  public static final String FILE = "ledger.jsonl";

  public LedgerEntry {
    offsets = Collections.unmodifiableSortedMap(new TreeMap<>(offsets));
    if (pass == 0) {
      pass = 1; // a line that predates passes
    }
    if (pass < 1) {
      throw new IllegalArgumentException("passes count from 1, got " + pass);
    }
  }

  /** A step of the first pass, its learning rate not recorded. */
  public LedgerEntry(
      long step, SortedMap<Integer, OffsetRange> offsets, int examples, double loss) {
    this(step, offsets, examples, loss, null, 1);
  }

  /** The entry of step {@code step}, trained on {@code batch} to {@code loss}. */
  public static LedgerEntry of(long step, Batch batch, double loss) {
    return new LedgerEntry(step, batch.offsets(), batch.size(), loss, null, batch.pass());
  }

  /**
   * The entry of step {@code step}, trained on {@code microBatches} (consecutive, of one pass) to
   * {@code loss} at {@code learningRate}.
   */
  public static LedgerEntry of(
      long step, List<Batch> microBatches, double loss, double learningRate) {
    SortedMap<Integer, OffsetRange> offsets = new TreeMap<>();
    int examples = 0;
    int pass = microBatches.get(0).pass();
    for (Batch batch : microBatches) {
      if (batch.pass() != pass) {
        throw new IllegalArgumentException("a step's micro-batches must belong to one pass");
      }
      for (Map.Entry<Integer, OffsetRange> range : batch.offsets().entrySet()) {
        offsets.merge(
            range.getKey(),
            range.getValue(),
            (a, b) ->
                new OffsetRange(Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
      }
      examples += batch.size();
    }
    return new LedgerEntry(step, offsets, examples, loss, learningRate, pass);
  }

  /** Leaves the pass out of the lines of the first pass (Jackson's custom inclusion filter). */
  static final class FirstPass {
    @Override
    public boolean equals(Object value) {
      return Integer.valueOf(1).equals(value);
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }
}
