package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.Journals;
import io.bertstream.trainer.TrainResult;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.tensorboard.EventFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's path at a small size: a slice of SOTU, the tiny preset, a few dozen steps, run
 * twice on one data dir.
 */
class QuickstartTest {

  private static final int DOCUMENTS = 20;
  private static final int STEPS = 30;

  @Test
  void shouldPretrainEndToEndAndResumeOnASecondRun(@TempDir Path dir) throws Exception {
    Path corpus = sotuSlice(dir.resolve("slice.jsonl"), DOCUMENTS);
    Path dataDir = dir.resolve("data");

    StringWriter firstOut = new StringWriter();
    Quickstart.Outcome first =
        new Quickstart(config(corpus, dataDir), new PrintWriter(firstOut)).run();

    assertThat(first.resumed()).isFalse();
    assertThat(first.documentsPublished()).isEqualTo(DOCUMENTS);
    assertThat(first.examplesProduced()).isGreaterThan(STEPS * 8L);
    assertThat(first.training().reason()).isEqualTo(TrainResult.StopReason.MAX_STEPS);
    assertThat(first.training().stepsThisRun()).isEqualTo(STEPS);
    assertThat(first.training().checkpoint()).isDirectory();
    List<Double> losses = ledgerLosses(dataDir.resolve("checkpoints"));
    assertThat(losses).hasSize(STEPS);
    // Windows of 10: the first examples arrive in stream order, so one batch of random-next
    // pairs after a run of true continuations can spike the NSP loss of a single step.
    assertThat(mean(losses.subList(STEPS - 10, STEPS)))
        .as("loss at the end vs the start")
        .isLessThan(mean(losses.subList(0, 10)));
    assertThat(firstOut.toString()).contains("fill-mask", "checkpoint: ");
    assertThat(first.training().lastEvaluation()).map(EvalEntry::step).contains((long) STEPS);

    StringWriter secondOut = new StringWriter();
    Quickstart.Outcome second =
        new Quickstart(config(corpus, dataDir), new PrintWriter(secondOut)).run();

    assertThat(second.resumed()).isTrue();
    assertThat(second.resumedFromStep()).isEqualTo(STEPS);
    assertThat(second.documentsPublished()).as("the corpus is not published twice").isZero();
    assertThat(second.training().reason()).isEqualTo(TrainResult.StopReason.MAX_STEPS);
    assertThat(second.training().step()).isEqualTo(2L * STEPS);
    assertThat(secondOut.toString())
        .contains("resuming from the checkpoint of step " + STEPS)
        .contains("not publishing it again")
        .contains("using " + dataDir.resolve("tokenizer"));
    assertThat(ledgerLosses(dataDir.resolve("checkpoints"))).hasSize(2 * STEPS);
    Path runs = dataDir.resolve("checkpoints").resolve("runs");
    assertThat(firstOut.toString()).contains("tensorboard --logdir " + runs);
    assertThat(EventFiles.list(runs)).as("an event file per run").hasSize(2);
    Map<String, List<EventFiles.Point>> curves = EventFiles.shown(runs);
    assertThat(curves.get("train/loss"))
        .extracting(EventFiles.Point::step)
        .as("every progress line of both runs, once")
        .containsExactly(10L, 20L, 30L, 40L, 50L, 60L);
    List<Long> scored =
        Journals.readEvaluations(dataDir.resolve("checkpoints")).stream()
            .filter(e -> e.scores().isPresent())
            .map(EvalEntry::step)
            .toList();
    assertThat(curves.getOrDefault("eval/mlm_loss", List.of()))
        .extracting(EventFiles.Point::step)
        .containsExactlyElementsOf(scored);
  }

  private static QuickstartConfig config(Path corpus, Path dataDir) {
    return QuickstartConfig.builder()
        .corpus(corpus)
        .dataDir(dataDir)
        .budget(Duration.ofMinutes(3))
        .stepsThisRun(STEPS)
        .preset("tiny")
        .vocabSize(1500)
        .maxSeqLength(64)
        .batchSize(8)
        .learningRate(5e-4)
        .warmupSteps(10)
        .evalEvery(10)
        .probes(List.of("The [MASK] of the Union is strong."))
        .build();
  }

  private static Path sotuSlice(Path target, int documents) throws Exception {
    Path sotu = Path.of(System.getProperty("bertstream.sotu"));
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(sotu)), StandardCharsets.UTF_8))) {
      Files.write(target, reader.lines().limit(documents).toList(), StandardCharsets.UTF_8);
    }
    return target;
  }

  private static List<Double> ledgerLosses(Path checkpointDir) throws Exception {
    return Journals.readLedger(checkpointDir).stream().map(LedgerEntry::loss).toList();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
