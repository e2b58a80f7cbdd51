package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.input.OffsetRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run that was disturbed (killed, its broker restarted, its registry gone) against an undisturbed
 * run of the same examples and settings. Equal means exactly equal: the same ledger line for line —
 * steps, offsets, example counts and losses as doubles — and the newest checkpoints' weights and
 * optimizer state byte for byte. On the CPU with fixed operator threads training repeats bit for
 * bit, so any difference is a defect, never noise.
 */
final class RunComparison {

  private RunComparison() {}

  /** Asserts that {@code actual}'s ledger and newest checkpoint equal {@code expected}'s. */
  static void assertSameRun(Path expected, Path actual) throws IOException {
    List<LedgerEntry> expectedLedger = Journals.readLedger(expected);
    List<LedgerEntry> actualLedger = Journals.readLedger(actual);
    assertThat(actualLedger).as("steps in the ledger").hasSameSizeAs(expectedLedger);
    for (int i = 0; i < expectedLedger.size(); i++) {
      assertThat(actualLedger.get(i))
          .as(
              "ledger line %d (losses %s vs %s)",
              i + 1, losses(actualLedger), losses(expectedLedger))
          .isEqualTo(expectedLedger.get(i));
    }
    StoredCheckpoint expectedLast = new CheckpointStore(expected, 1).latest().orElseThrow();
    StoredCheckpoint actualLast = new CheckpointStore(actual, 1).latest().orElseThrow();
    assertThat(actualLast.step()).isEqualTo(expectedLast.step());
    assertThat(actualLast.manifest().input()).isEqualTo(expectedLast.manifest().input());
    assertThat(actualLast.manifest().examples()).isEqualTo(expectedLast.manifest().examples());
    assertSameParameters(expectedLast.directory(), actualLast.directory());
    assertThat(actualLast.file(CheckpointFiles.OPTIMIZER))
        .as("optimizer state")
        .hasSameBinaryContentAs(expectedLast.file(CheckpointFiles.OPTIMIZER));
  }

  /** Asserts that two checkpoints hold the same parameters, bit for bit, naming any that differ. */
  static void assertSameParameters(Path expected, Path actual) throws IOException {
    Map<String, float[]> expectedValues = TestRuns.parameters(expected);
    Map<String, float[]> actualValues = TestRuns.parameters(actual);
    assertThat(actualValues.keySet()).isEqualTo(expectedValues.keySet());
    for (Map.Entry<String, float[]> parameter : expectedValues.entrySet()) {
      assertThat(bits(actualValues.get(parameter.getKey())))
          .as("bits of %s", parameter.getKey())
          .isEqualTo(bits(parameter.getValue()));
    }
    assertThat(actual.resolve(CheckpointFiles.MODEL))
        .hasSameBinaryContentAs(expected.resolve(CheckpointFiles.MODEL));
  }

  /**
   * Asserts that per partition the ledger's ranges follow each other from offset 0 without gap or
   * overlap, and that they hold {@code examples} examples in all.
   */
  static void assertEachOffsetOnceInOrder(List<LedgerEntry> ledger, long examples) {
    Map<Integer, Long> next = new HashMap<>();
    long counted = 0;
    for (LedgerEntry entry : ledger) {
      for (Map.Entry<Integer, OffsetRange> range : entry.offsets().entrySet()) {
        assertThat(range.getValue().first())
            .as("first offset of partition %d at step %d", range.getKey(), entry.step())
            .isEqualTo(next.getOrDefault(range.getKey(), 0L));
        next.put(range.getKey(), range.getValue().last() + 1);
        counted += range.getValue().last() - range.getValue().first() + 1;
      }
    }
    assertThat(counted).as("examples in the ledger's ranges").isEqualTo(examples);
  }

  /** Examples (partition and offset) the reference trained on that {@code actual} did not. */
  static long lost(List<LedgerEntry> reference, List<LedgerEntry> actual) {
    Map<String, Integer> trained = offsetCounts(actual);
    return offsetCounts(reference).keySet().stream().filter(k -> !trained.containsKey(k)).count();
  }

  /** Trainings beyond the first of the same example (partition and offset) in {@code ledger}. */
  static long trainedTwice(List<LedgerEntry> ledger) {
    return offsetCounts(ledger).values().stream().mapToLong(count -> count - 1).sum();
  }

  /** Examples the ledger says were trained. */
  static long examplesTrained(List<LedgerEntry> ledger) {
    return ledger.stream().mapToLong(LedgerEntry::examples).sum();
  }

  private static Map<String, Integer> offsetCounts(List<LedgerEntry> ledger) {
    Map<String, Integer> counts = new HashMap<>();
    for (LedgerEntry entry : ledger) {
      entry
          .offsets()
          .forEach(
              (partition, range) -> {
                for (long offset = range.first(); offset <= range.last(); offset++) {
                  counts.merge(partition + "@" + offset, 1, Integer::sum);
                }
              });
    }
    return counts;
  }

  private static List<Double> losses(List<LedgerEntry> ledger) {
    return ledger.stream().map(LedgerEntry::loss).toList();
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
