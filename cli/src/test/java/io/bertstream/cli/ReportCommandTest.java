package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.trainer.TestExamples;
import io.bertstream.trainer.TestRuns;
import io.bertstream.trainer.TrainerService;
import io.bertstream.trainer.history.Baseline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bertstream report} on the journals of a real (small) training run. */
class ReportCommandTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final String PROBE = "aa ab [MASK] ac";

  @TempDir Path dir;

  @Test
  void shouldDrawARealRunsLossAsAPngAndASelfContainedPage() throws Exception {
    KafkaConnection connection = STACK.connection("report", 2);
    Path vocab = TestExamples.writeVocab(dir);
    String tokenizerId = TestRuns.fingerprint(vocab);
    TestRuns.produce(
        connection, connection.topics().examples(), TestRuns.examples(tokenizerId, 24), 2);
    TestRuns.produce(
        connection, connection.topics().examplesEval(), TestRuns.examples(tokenizerId, 6), 2);
    Path checkpoints = dir.resolve("ckpt");
    new TrainerService()
        .run(
            TestRuns.config(connection, vocab, checkpoints, 6)
                .evalEvery(2)
                .evalExamples(5)
                .probes(List.of(PROBE))
                .build());
    new Baseline(4.0, "unigram (test)").write(checkpoints);
    Path out = dir.resolve("pictures");

    String printed =
        FillMaskCommandTest.run(
            "report", "--checkpoint-dir", checkpoints.toString(), "--out", out.toString());

    Path html = out.resolve("report.html");
    Path png = out.resolve("loss.png");
    assertThat(printed).contains("report: " + html, "loss:   " + png);
    byte[] pngBytes = Files.readAllBytes(png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(pngBytes));
    assertThat(image).as("a PNG ImageIO reads").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(560);
    assertThat(pngBytes.length).as("more than a blank picture").isGreaterThan(20_000);
    assertThat(distinctColours(image)).as("curves in several colours").isGreaterThan(20);

    String page = Files.readString(html, StandardCharsets.UTF_8);
    Matcher inlined =
        Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
    assertThat(inlined.find()).as("the picture inlined").isTrue();
    assertThat(Base64.getDecoder().decode(inlined.group(1))).isEqualTo(pngBytes);
    assertThat(page)
        .doesNotContain("src=\"http", "href=\"http")
        .contains("<th>steps</th><td class=\"number\">6</td>")
        .contains("<th>examples</th><td class=\"number\">24</td>")
        .contains("<th>training time</th>")
        .containsPattern(
            "<th>final eval</th><td class=\"number\">step 6: masked-LM loss \\d+\\.\\d{4}")
        .contains("<th>best eval</th>")
        .contains("masked-LM loss 4.0000: unigram (test)")
        .contains("2 written, the newest step-0000000006 (step 6)")
        .contains("Probes at step 6", PROBE);
  }

  @Test
  void shouldRefuseADirectoryWithoutATrainedStepInOneLine() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(err));

    int status = commandLine.execute("report", "--checkpoint-dir", dir.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().lines().findFirst().orElseThrow())
        .contains("ledger.jsonl")
        .contains("no trained step");
    assertThat(dir.resolve("loss.png")).doesNotExist();
  }

  @Test
  void shouldExplainWhatItDrawsInHelp() {
    String help = FillMaskCommandTest.run("report", "--help").replaceAll("\\s+", " ");
    assertThat(help).contains("--checkpoint-dir=DIR", "--out=DIR", "loss.png", "report.html");
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
