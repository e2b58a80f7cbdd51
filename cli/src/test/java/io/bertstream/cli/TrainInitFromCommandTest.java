package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.TestExamples;
import io.bertstream.trainer.TestRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code train --init-from} refusals as users see them: one line on stderr and exit 2, before Kafka
 * is ever contacted (the bootstrap address here leads nowhere).
 */
class TrainInitFromCommandTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  @Test
  void shouldRefuseWeightsOnlyInPytorchModelBinWithTheConversionInOneLine() throws Exception {
    Path init = Files.createDirectories(dir.resolve("bert-old"));
    Files.copy(
        TestRuns.huggingFaceFixture("pretraining", dir).resolve("config.json"),
        init.resolve("config.json"));
    Files.write(init.resolve("pytorch_model.bin"), new byte[] {80, 75, 3, 4});

    int exit = train("--init-from", init.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(errorLine())
        .startsWith("bertstream train: ")
        .contains("pytorch_model.bin")
        .contains("BertForPreTraining.from_pretrained(\"" + init + "\")")
        .contains("safe_serialization=True");
  }

  @Test
  void shouldRefuseAPresetThatDisagreesWithTheDirectorysConfig() throws Exception {
    Path init = TestRuns.huggingFaceFixture("pretraining", dir);

    int exit = train("--init-from", init.toString(), "--preset", "base");

    assertThat(exit).isEqualTo(2);
    assertThat(errorLine())
        .contains("--preset base (12 layers, hidden 768, 12 heads, intermediate 3072)")
        .contains(init.resolve("config.json").toString())
        .contains("leave out --preset");
  }

  @Test
  void shouldRefuseASizeFlagThatDisagreesWithTheDirectorysConfig() throws Exception {
    int exit =
        train(
            "--init-from",
            TestRuns.huggingFaceFixture("pretraining", dir).toString(),
            "--layers",
            "4",
            "--hidden-size",
            "32");

    assertThat(exit).isEqualTo(2);
    assertThat(errorLine()).contains("--layers 4 disagrees with").doesNotContain("--hidden-size");
  }

  @Test
  void shouldRefuseATokenizerWhoseVocabularyDiffersFromTheModels() throws Exception {
    Path vocab = TestExamples.writeVocab(dir);

    int exit =
        train(
            "--init-from",
            TestRuns.huggingFaceFixture("pretraining", dir).toString(),
            "--tokenizer",
            vocab.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(errorLine()).contains("vocab_size 121").contains("64 tokens");
  }

  @Test
  void shouldRequireATokenizerWithoutInitFrom() {
    assertThat(train()).isEqualTo(2);
    assertThat(err.toString()).contains("--tokenizer").contains("--init-from");
  }

  @Test
  void shouldExplainInitFromInHelp() {
    StringWriter help = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setOut(new PrintWriter(help));

    assertThat(commandLine.execute("train", "--help")).isZero();
    assertThat(help.toString().replaceAll("\\s+", " "))
        .contains("--init-from=DIR")
        .contains("Required unless --init-from is given")
        .contains("with --init-from, the size its config.json gives");
  }

  private int train(String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--checkpoint-dir",
                dir.resolve("ckpt").toString(),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--ops-port",
                "-1"));
    args.addAll(List.of(flags));
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    return commandLine.execute(args.toArray(String[]::new));
  }

  /** The error output, which must be exactly one line. */
  private String errorLine() {
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as("stderr: %s", err).hasSize(1);
    return lines.get(0);
  }
}
