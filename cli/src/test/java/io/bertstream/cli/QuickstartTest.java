package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.Journals;
import io.bertstream.trainer.TrainResult;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.history.Baseline;
import io.bertstream.trainer.tensorboard.EventFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's path at a small size: a slice of SOTU, the tiny preset, a few dozen steps, run
 * twice on one data dir.
 */
class QuickstartTest {

  private static final int DOCUMENTS = 20;
  private static final int STEPS = 30;

  /** {@code [ 12s] trainer ...}: a line of the story, or a problem with its level. */
  private static final Pattern STAGE_LINE = Pattern.compile("\\[ *\\w+\\] \\S+ +\\S.*");

  /** The trainer's per-step line: {@code step 10/30 loss 7.1 (mlm 6.4, nsp 0.69) lr 1.00e-04 |}. */
  private static final Pattern PER_STEP_LINE =
      Pattern.compile("\\(mlm [0-9.]+, nsp [0-9.]+\\) lr [0-9.]+e[-+]\\d+");

  /** A log line of the broker's or of a Kafka client's, as the quickstart's log file writes it. */
  private static final Pattern KAFKA_LOG_LINE =
      Pattern.compile(
          "\\S+ \\S+ (?:WARN|ERROR) +\\[[^\\]]*\\] (?:kafka|org\\.apache\\.kafka)\\.\\S+ (.+)");

  @Test
  void shouldPretrainEndToEndAndResumeOnASecondRun(@TempDir Path dir) throws Exception {
    Path corpus = SotuSlice.write(dir.resolve("slice.jsonl"), DOCUMENTS);
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
    assertTheDashboardWasShownAndTheReportWritten(
        firstOut.toString(), dataDir.resolve("checkpoints"));
    assertThat(first.training().lastEvaluation()).map(EvalEntry::step).contains((long) STEPS);
    assertTheConsoleTellsTheStoryAndTheLogHoldsTheRest(
        firstOut.toString(), dataDir.resolve("quickstart.log"));

    StringWriter secondOut = new StringWriter();
    Quickstart.Outcome second =
        new Quickstart(config(corpus, dataDir), new PrintWriter(secondOut)).run();

    assertThat(second.resumed()).isTrue();
    assertThat(second.resumedFromStep()).isEqualTo(STEPS);
    assertThat(second.documentsPublished()).as("the corpus is not published twice").isZero();
    assertThat(second.training().reason()).isEqualTo(TrainResult.StopReason.MAX_STEPS);
    assertThat(second.training().step()).isEqualTo(2L * STEPS);
    assertThat(secondOut.toString())
        .doesNotContainPattern(PER_STEP_LINE)
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

  /**
   * The dashboard's URL while training ran; at the end the report and its picture, named on the
   * console; the unigram baseline beside them for both to draw.
   */
  private static void assertTheDashboardWasShownAndTheReportWritten(
      String console, Path checkpoints) throws Exception {
    assertThat(console)
        .containsPattern("\\] dashboard +http://localhost:\\d+/ ")
        .containsPattern("\\] baseline +unigram masked-LM loss \\d+\\.\\d{3} ");
    Path html = checkpoints.resolve("report.html");
    Path png = checkpoints.resolve("loss.png");
    assertThat(console).contains("report           " + html, "report           " + png);
    assertThat(ImageIO.read(png.toFile())).as("loss.png").isNotNull();
    assertThat(Files.readString(html, StandardCharsets.UTF_8))
        .contains("data:image/png;base64,", "<th>steps</th>", "unigram");
    assertThat(Baseline.read(checkpoints)).isPresent();
  }

  /**
   * The console: stage lines, predictions and the training line, which names a step, its loss, the
   * throughput and the time left; no per-step trainer lines and no line of Kafka's. The log file,
   * named on the console: the services' logs, per-step lines and Kafka's own among them.
   */
  private static void assertTheConsoleTellsTheStoryAndTheLogHoldsTheRest(
      String console, Path logFile) throws Exception {
    assertThat(console).contains("service logs go to " + logFile);
    assertThat(console.lines())
        .as("stage lines, predictions and the training line only")
        .allMatch(
            line ->
                STAGE_LINE.matcher(line).matches()
                    || line.startsWith("      [MASK] → ")
                    || line.startsWith("training ["));
    assertThat(console)
        .containsPattern("training \\[.*left  step \\d+/" + STEPS + " loss \\d+\\.\\d+ .*tokens/s")
        .doesNotContainPattern(PER_STEP_LINE);

    assertThat(logFile).isRegularFile();
    List<String> logged = Files.readAllLines(logFile, StandardCharsets.UTF_8);
    assertThat(logged)
        .as("the services' logs")
        .anyMatch(line -> line.contains(" io.bertstream.trainer.TrainingLoop "))
        .anyMatch(line -> line.contains(" io.bertstream.stream.TokenizerStream "))
        .anyMatch(line -> PER_STEP_LINE.matcher(line).find());
    List<String> kafkaMessages =
        logged.stream()
            .map(KAFKA_LOG_LINE::matcher)
            .filter(Matcher::matches)
            .map(m -> m.group(1))
            .toList();
    // The broker logs at WARN when it first starts, and its clients retry the first transactions.
    assertThat(kafkaMessages).as("Kafka's own log lines, in the file").isNotEmpty();
    for (String message : kafkaMessages) {
      assertThat(console).as("a line of Kafka's on the console").doesNotContain(message);
    }
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
        .learningRate(2e-3)
        .warmupSteps(10)
        .evalEvery(10)
        .probes(List.of("The [MASK] of the Union is strong."))
        .dashboardPort(0)
        .build();
  }

  private static List<Double> ledgerLosses(Path checkpointDir) throws Exception {
    return Journals.readLedger(checkpointDir).stream().map(LedgerEntry::loss).toList();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
