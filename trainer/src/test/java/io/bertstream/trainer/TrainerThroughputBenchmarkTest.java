package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end training throughput from a topic whose data is already there: the whole path (Kafka
 * read, decoding, round-robin composition, padding, step, ledger) with the input-wait share. Run
 * with {@code ./mvnw -B -pl trainer -am test -Dtest.groups=benchmark -Dtest.excludedGroups=none
 * -Dtest=TrainerThroughputBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}; writes {@code
 * trainer/target/trainer-benchmark.md}.
 */
@Tag("benchmark")
class TrainerThroughputBenchmarkTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final int BATCH = 32;
  private static final int STEPS = 24;

  @TempDir Path dir;

  @Test
  void shouldReportThroughputAndInputWaitShareWhileTheTopicHasData() throws Exception {
    StringBuilder report = new StringBuilder();
    report
        .append("| preset | batch | mean tokens/example | steps | tokens/s | examples/s |")
        .append(" input wait |\n|---|---|---|---|---|---|---|\n");
    for (String preset : List.of("tiny", "mini")) {
      KafkaConnection connection = STACK.connection("bench-" + preset, 12);
      Path vocab = TestExamples.writeVocab(dir);
      List<PretrainingExample> examples = new ArrayList<>();
      try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
        for (int i = 0; i < BATCH * STEPS + BATCH; i++) {
          // [CLS] A [SEP] B [SEP] with 50..62 words a segment: ~115 tokens, BERT's 128 regime.
          examples.add(TestExamples.example(tokenizer.fingerprint(), 1, i, 50, 13));
        }
      }
      TestRuns.produce(connection, connection.topics().examples(), examples, 12);
      TrainResult result =
          new TrainerService()
              .run(
                  TestRuns.config(connection, vocab, dir.resolve(preset), STEPS)
                      .preset(preset)
                      .overrides(ModelOverrides.none())
                      .batchSize(BATCH)
                      .checkpointEvery(0)
                      .build());
      double meanTokens =
          examples.subList(0, BATCH * STEPS).stream()
              .mapToInt(e -> e.getInputIds().size())
              .average()
              .orElse(0);
      report.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %d | %.0f | %.1f | %.2f%% |%n",
              preset,
              BATCH,
              meanTokens,
              result.stepsThisRun(),
              result.tokensPerSecond(),
              result.tokensPerSecond() / meanTokens,
              100 * result.inputWaitShare()));
      // Timings are reported, not asserted: the machine is shared.
      assertThat(result.step()).isEqualTo(STEPS);
    }
    Files.writeString(Path.of("target", "trainer-benchmark.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);
  }
}
