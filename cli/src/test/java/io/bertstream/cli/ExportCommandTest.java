package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportCommandTest {

  @TempDir Path dir;

  @Test
  void shouldExportACheckpointThatFillsMasksExactlyAsTheCheckpointDoes() throws Exception {
    Path checkpoints = dir.resolve("ckpt");
    FillMaskCommandTest.writeCheckpoint(checkpoints);
    Path out = dir.resolve("published");

    String printed =
        FillMaskCommandTest.run(
            "export", "--checkpoint", checkpoints.toString(), "--out", out.toString());

    assertThat(printed).contains("exported step-0000000007 (step 7, 28 examples) to " + out);
    assertThat(out.resolve("README.md")).isRegularFile();
    assertThat(out.resolve("manifest.json")).doesNotExist();
    assertThat(out.resolve("optimizer.safetensors")).doesNotExist();
    String text = "the union of [MASK] people";
    assertThat(fillMask(out, text)).isEqualTo(fillMask(checkpoints, text));
  }

  @Test
  void shouldRefuseANonEmptyOutWithoutForceInOneLine() throws Exception {
    Path checkpoints = dir.resolve("ckpt");
    FillMaskCommandTest.writeCheckpoint(checkpoints);
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    StringWriter err = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(err));

    int refused =
        commandLine.execute(
            "export", "--checkpoint", checkpoints.toString(), "--out", out.toString());

    assertThat(refused).isEqualTo(2);
    assertThat(err.toString().lines().findFirst().orElseThrow())
        .contains(out.toString())
        .contains("--force");
    assertThat(out.resolve("keep.txt")).exists();

    FillMaskCommandTest.run(
        "export", "--checkpoint", checkpoints.toString(), "--out", out.toString(), "--force");

    assertThat(out.resolve("keep.txt")).doesNotExist();
    assertThat(out.resolve("model.safetensors")).isRegularFile();
  }

  @Test
  void shouldExplainItsFlagsInHelp() {
    String help = FillMaskCommandTest.run("export", "--help").replaceAll("\\s+", " ");
    assertThat(help).contains("--checkpoint=DIR", "--out=DIR", "--force", "README.md");
    String fillMask = FillMaskCommandTest.run("fill-mask", "--help").replaceAll("\\s+", " ");
    assertThat(fillMask).contains("--model, --checkpoint=DIR", "--format", "(default: text)");
  }

  /** The JSON lines fill-mask prints for {@code text}. */
  private static List<String> fillMask(Path model, String text) {
    return FillMaskCommandTest.run(
            "fill-mask", "--model", model.toString(), "--format", "json", "--top-k", "6", text)
        .lines()
        .toList();
  }
}
