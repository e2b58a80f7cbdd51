package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.Journals;
import io.bertstream.trainer.TestExamples;
import io.bertstream.trainer.TestRuns;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bertstream train} as users run it: a separate process, stopped by a signal. */
class TrainCommandTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  /** 128 + SIGTERM: the JVM's status after its shutdown hook ran to completion. */
  private static final int SIGTERM_EXIT = 143;

  @TempDir Path dir;

  @Test
  void shouldWriteAFinalCheckpointWhenTerminatedBySigterm() throws Exception {
    KafkaConnection connection = STACK.connection("sigterm", 2);
    Path vocab = TestExamples.writeVocab(dir);
    // Three batches of 4; checkpoints by step every 1000: any checkpoint is the final one.
    TestRuns.produce(connection, connection.topics().examples(), examples(vocab, 12), 2);
    Path checkpoints = dir.resolve("ckpt");
    Path log = dir.resolve("train.log");

    Process child = train(log, vocab, checkpoints);
    try {
      awaitLedgerSteps(checkpoints, 3, child, Duration.ofMinutes(3));
      child.destroy();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("stopped within 2 minutes").isTrue();
    } finally {
      child.destroyForcibly();
    }

    assertThat(child.exitValue()).as("exit status; log:%n%s", read(log)).isEqualTo(SIGTERM_EXIT);
    assertThat(new CheckpointStore(checkpoints, 3).latest().orElseThrow().step()).isEqualTo(3);
    assertThat(read(log))
        .contains("stop requested by signal")
        .contains("writing a final checkpoint")
        .contains("stopped: STOPPED");
  }

  private Process train(Path log, Path vocab, Path checkpoints) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                Bertstream.class.getName(),
                "train",
                "--bootstrap-servers",
                STACK.bootstrapServers(),
                "--schema-registry-url",
                STACK.schemaRegistryUrl(),
                "--topic-prefix",
                "sigterm",
                "--tokenizer",
                vocab.toString(),
                "--checkpoint-dir",
                checkpoints.toString(),
                "--preset",
                "tiny",
                "--max-positions",
                "64",
                "--batch-size",
                "4",
                "--checkpoint-every",
                "1000",
                "--checkpoint-interval",
                "0",
                "--eval-every",
                "0",
                "--warmup-steps",
                "2",
                "--seed",
                Long.toString(TestRuns.SEED),
                "--ops-port",
                "-1",
                "--threads",
                "1"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** Polls the ledger the child appends to until it holds {@code steps} steps. */
  private static void awaitLedgerSteps(Path checkpoints, int steps, Process child, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Journals.readLedger(checkpoints).size() < steps) {
      assertThat(child.isAlive()).as("the child trains").isTrue();
      assertThat(System.nanoTime()).as("%d steps in the ledger", steps).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static List<PretrainingExample> examples(Path vocab, int count) throws IOException {
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      List<PretrainingExample> examples = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        examples.add(TestExamples.example(tokenizer.fingerprint(), TestRuns.SEED, i));
      }
      return examples;
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }
}
