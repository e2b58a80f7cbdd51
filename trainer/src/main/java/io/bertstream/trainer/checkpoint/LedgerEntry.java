package io.bertstream.trainer.checkpoint;

import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.OffsetRange;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One line of {@code ledger.jsonl}, one per optimizer step: {@code
 * {"step":12,"offsets":{"0":[15,15],"2":[14,15]},"examples":4,"loss":4.77}}.
 *
 * <p>Offsets, not ids, say which examples the step trained on: a batch takes each partition's
 * records in offset order, so the step's examples are exactly the committed records inside its
 * ranges (what a {@code read_committed} consumer sees; transaction markers take offsets too), less
 * the skipped ones (undecodable or malformed, counted as skipped). That makes the exactly-once
 * promise checkable from the file: per partition the ranges of successive steps follow each other
 * without overlap, and a resumed run's ledger equals an uninterrupted run's line for line.
 *
 * @param step the optimizer step (counting from 1)
 * @param offsets partition → first and last offset the step consumed (both inclusive)
 * @param examples examples in the step's batch
 * @param loss the step's total loss (masked LM + next sentence)
 */
public record LedgerEntry(
    long step, SortedMap<Integer, OffsetRange> offsets, int examples, double loss)
    implements JournalEntry {

  /** The ledger's file name in the checkpoint directory. */
  public static final String FILE = "ledger.jsonl";

  public LedgerEntry {
    offsets = Collections.unmodifiableSortedMap(new TreeMap<>(offsets));
  }

  /** The entry of step {@code step}, trained on {@code batch} to {@code loss}. */
  public static LedgerEntry of(long step, Batch batch, double loss) {
    return new LedgerEntry(step, batch.offsets(), batch.size(), loss);
  }
}
