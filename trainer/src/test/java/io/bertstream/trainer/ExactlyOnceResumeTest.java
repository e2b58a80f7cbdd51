package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's defining promise: killed at any instant and restarted, it trains on exactly the
 * examples an uninterrupted run would have, in the same order, to the same weights. Here the
 * instants are the protocol's own points, each hit exactly in a child JVM that halts there: between
 * checkpoints, inside the checkpoint write (some files written; every file but not yet renamed),
 * between the checkpoint and its offset commit, after the commit, and a SIGKILL from outside.
 */
class ExactlyOnceResumeTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final int PARTITIONS = 3;
  private static final long STEPS = 16;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldTrainTheSameExamplesToTheSameWeightsWhenKilledAtEachPointOfTheProtocol()
      throws Exception {
    String prefix = "exactly-once";
    KafkaConnection connection = TestRuns.connect(STACK, prefix, PARTITIONS);
    Path vocab = TestExamples.writeVocab(dir);
    List<PretrainingExample> examples = new ArrayList<>();
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      for (int i = 0; i < 67; i++) {
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
    String group = prefix + ".trainer";

    // 1: dies mid-way between checkpoints (after step 6; the newest checkpoint is step 4).
    assertThat(run(args, "halt-after-step:6")).isEqualTo(137);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(4);
    Map<Integer, Long> committedAt4 = committedOffsets(group);
    assertThat(committedAt4).isEqualTo(nextOffsets(store.latest().orElseThrow()));

    // 2: dies inside the checkpoint write of step 8: the weights are written, nothing else.
    assertThat(run(args, "halt-after-file:8:" + CheckpointFiles.MODEL)).isEqualTo(137);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(4);
    assertThat(temporaryFiles(killed)).containsExactly(CheckpointFiles.MODEL);
    assertThat(committedOffsets(group)).isEqualTo(committedAt4);

    // 3: dies with every file of step 8's checkpoint written, the manifest too, before the rename.
    assertThat(run(args, "halt-after-file:8:" + CheckpointStore.MANIFEST)).isEqualTo(137);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(4);
    assertThat(temporaryFiles(killed))
        .contains(CheckpointFiles.OPTIMIZER, CheckpointStore.MANIFEST);
    assertThat(committedOffsets(group)).isEqualTo(committedAt4);

    // 4: dies between the durable checkpoint of step 8 and its offset commit.
    assertThat(run(args, "halt-after-checkpoint:8")).isEqualTo(137);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(8);
    assertThat(temporaryFiles(killed)).isEmpty();
    assertThat(committedOffsets(group)).isEqualTo(committedAt4);

    // 5: dies right after the offsets of step 12 are committed.
    assertThat(run(args, "halt-after-commit:12")).isEqualTo(137);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(12);
    assertThat(committedOffsets(group)).isEqualTo(nextOffsets(store.latest().orElseThrow()));

    // 6: SIGKILLed from outside while it trains and prefetches (after step 14).
    args[6] = "block-after-step:14";
    try (TrainerProcess child = TrainerProcess.start(dir.resolve("child.log"), args)) {
      assertThat(child.awaitStep(14, RUN_TIMEOUT)).isEqualTo(14);
      child.kill();
    }
    assertThat(store.latest().orElseThrow().step()).isEqualTo(12);

    // 7: runs to the end.
    assertThat(run(args, "none")).isEqualTo(0);
    StoredCheckpoint last = store.latest().orElseThrow();
    assertThat(last.step()).isEqualTo(STEPS);
    assertThat(committedOffsets(group)).isEqualTo(nextOffsets(last));

    RunComparison.assertSameRun(reference, killed);
    List<LedgerEntry> ledger = Journals.readLedger(killed);
    RunComparison.assertEachOffsetOnceInOrder(ledger, STEPS * 4);
  }

  private int run(String[] args, String kill) throws Exception {
    String[] withKill = args.clone();
    withKill[6] = kill;
    try (TrainerProcess child = TrainerProcess.start(dir.resolve("child.log"), withKill)) {
      return child.awaitExit(RUN_TIMEOUT);
    }
  }

  /** The files inside the checkpoint directory's temporary (incomplete) checkpoints. */
  private static List<String> temporaryFiles(Path checkpoints) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> entries = Files.list(checkpoints)) {
      for (Path temp :
          entries.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
        try (Stream<Path> files = Files.list(temp)) {
          files.forEach(file -> names.add(file.getFileName().toString()));
        }
      }
    }
    return names;
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
