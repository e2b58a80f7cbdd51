package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.input.OffsetRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's defining promise: killed at any instant and restarted, it trains on exactly the
 * examples an uninterrupted run would have, in the same order, to the same weights.
 */
class ExactlyOnceResumeTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final int PARTITIONS = 3;
  private static final long STEPS = 12;

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldTrainTheSameExamplesToTheSameWeightsWhenKilledAndRestartedThreeTimes()
      throws Exception {
    String prefix = "exactly-once";
    KafkaConnection connection = TestRuns.connect(STACK, prefix, PARTITIONS);
    Path vocab = TestExamples.writeVocab(dir);
    List<PretrainingExample> examples = new ArrayList<>();
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      for (int i = 0; i < 53; i++) {
        examples.add(TestExamples.example(tokenizer.fingerprint(), TestRuns.SEED, i));
      }
    }
    TestRuns.produce(connection, connection.topics().examples(), examples, PARTITIONS);

    Path reference = dir.resolve("uninterrupted");
    TrainResult uninterrupted =
        new TrainerService()
            .run(
                TestRuns.config(connection, vocab, reference, STEPS)
                    .groupId(prefix + ".reference")
                    .build());
    assertThat(uninterrupted.step()).isEqualTo(STEPS);

    Path killed = dir.resolve("killed");
    Path log = dir.resolve("child.log");
    String[] args = {
      STACK.bootstrapServers(),
      TestRuns.registryUrl(STACK),
      prefix,
      vocab.toString(),
      killed.toString(),
      Long.toString(STEPS),
      ""
    };
    CheckpointStore store = new CheckpointStore(killed, 3);

    // 1: dies mid-way between checkpoints (after step 6; the newest checkpoint is step 4).
    assertThat(run(log, args, "halt-after-step:6")).isEqualTo(137);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(4);
    Map<Integer, Long> committedAt4 = committedOffsets(prefix + ".trainer");
    assertThat(committedAt4).isEqualTo(nextOffsets(store.latest().orElseThrow()));

    // 2: dies between the durable checkpoint of step 8 and its offset commit.
    assertThat(run(log, args, "halt-after-checkpoint:8")).isEqualTo(137);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(8);
    assertThat(committedOffsets(prefix + ".trainer")).isEqualTo(committedAt4);

    // 3: SIGKILLed from outside while it trains and prefetches (after step 10).
    args[6] = "block-after-step:10";
    Process child = ChildProcesses.start(log, args);
    ChildProcesses.await(
        () -> ChildProcesses.logContains(log, "blocked at step 10"),
        Duration.ofMinutes(3),
        "step 10");
    child.destroyForcibly();
    assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(store.latest().orElseThrow().step()).isEqualTo(8);

    // 4: runs to the end.
    assertThat(run(log, args, "none")).isEqualTo(0);
    StoredCheckpoint last = store.latest().orElseThrow();
    assertThat(last.step()).isEqualTo(STEPS);
    assertThat(committedOffsets(prefix + ".trainer")).isEqualTo(nextOffsets(last));

    List<LedgerEntry> expectedLedger = Journals.readLedger(reference);
    List<LedgerEntry> actualLedger = Journals.readLedger(killed);
    assertThat(actualLedger).hasSize((int) STEPS);
    for (int i = 0; i < STEPS; i++) {
      assertThat(actualLedger.get(i).step()).isEqualTo(expectedLedger.get(i).step());
      assertThat(actualLedger.get(i).offsets()).isEqualTo(expectedLedger.get(i).offsets());
      assertThat(actualLedger.get(i).loss())
          .as(
              "loss of step %d; losses %s vs %s",
              i + 1, losses(actualLedger), losses(expectedLedger))
          .isCloseTo(expectedLedger.get(i).loss(), org.assertj.core.data.Offset.offset(1e-5));
    }
    assertEachOffsetOnceInOrder(actualLedger);
    Map<String, float[]> expected = TestRuns.parameters(uninterrupted.checkpoint());
    Map<String, float[]> actual = TestRuns.parameters(last.directory());
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String name : expected.keySet()) {
      assertThat(TrainingSessionTest.maxAbsDiff(actual.get(name), expected.get(name)))
          .as(name)
          .isLessThanOrEqualTo(1e-6);
    }
  }

  private static List<Double> losses(List<LedgerEntry> ledger) {
    return ledger.stream().map(LedgerEntry::loss).toList();
  }

  /** Per partition the ledger's ranges follow each other without gap or overlap from 0. */
  private static void assertEachOffsetOnceInOrder(List<LedgerEntry> ledger) {
    Map<Integer, Long> next = new HashMap<>();
    long examples = 0;
    for (LedgerEntry entry : ledger) {
      for (Map.Entry<Integer, OffsetRange> range : entry.offsets().entrySet()) {
        long first = range.getValue().first();
        long lastOffset = range.getValue().last();
        assertThat(first)
            .as("partition " + range.getKey())
            .isEqualTo(next.getOrDefault(range.getKey(), 0L));
        next.put(range.getKey(), lastOffset + 1);
        examples += lastOffset - first + 1;
      }
    }
    assertThat(examples).isEqualTo(STEPS * 4);
  }

  private static int run(Path log, String[] args, String kill) throws Exception {
    String[] withKill = args.clone();
    withKill[6] = kill;
    Process child = ChildProcesses.start(log, withKill);
    assertThat(child.waitFor(4, TimeUnit.MINUTES)).as("child finished").isTrue();
    return child.exitValue();
  }

  private static Map<Integer, Long> nextOffsets(StoredCheckpoint checkpoint) {
    return new HashMap<>(checkpoint.manifest().input().nextOffsets());
  }

  private static Map<Integer, Long> committedOffsets(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        STACK.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<Integer, Long> byPartition = new HashMap<>();
    offsets.forEach((tp, offset) -> byPartition.put(tp.partition(), offset.offset()));
    return byPartition;
  }
}
