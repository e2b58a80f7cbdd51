package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.TrainerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code train}'s recipe flags build, and that its help explains them. */
class TrainCommandOptionsTest {

  private static TrainerConfig parse(String... flags) {
    String[] args = new String[flags.length + 5];
    args[0] = "train";
    args[1] = "--tokenizer";
    args[2] = "t.json";
    args[3] = "--checkpoint-dir";
    args[4] = "c";
    System.arraycopy(flags, 0, args, 5, flags.length);
    CommandLine.ParseResult result = Bertstream.commandLine(ConfigLayers.none()).parseArgs(args);
    return ((TrainCommand) result.subcommand().commandSpec().userObject()).config();
  }

  @Test
  void shouldBuildTheRecipeSettingsFromTheirFlags() {
    TrainerConfig config =
        parse(
            "--time-budget",
            "10m",
            "--accumulate",
            "4",
            "--epochs",
            "0",
            "--schedule",
            "cosine",
            "--grow-eval-set",
            "--eval-recent",
            "0");

    assertThat(config.timeBudget()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.accumulate()).isEqualTo(4);
    assertThat(config.epochs()).isZero();
    assertThat(config.optimization().schedule()).isEqualTo("cosine");
    assertThat(config.growEvalSet()).isTrue();
    assertThat(config.evalRecent()).isZero();
    assertThat(parse("--time-budget", "0").timeBudget()).as("0: no budget").isNull();
  }

  @Test
  void shouldWriteTensorBoardFilesUnderTheCheckpointDirUnlessToldWhereOrNone() {
    assertThat(parse().tensorboardDir()).isEqualTo(Path.of("c", "runs"));
    assertThat(parse("--tensorboard-dir", "tb").tensorboardDir()).isEqualTo(Path.of("tb"));
    assertThat(parse("--tensorboard-dir", "none").tensorboardDir()).as("off").isNull();
  }

  @Test
  void shouldRefuseAnAccumulationBelowOneAsBadUsage() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(new StringWriter()));

    assertThat(
            commandLine.execute(
                "train", "--tokenizer", "t.json", "--checkpoint-dir", "c", "--accumulate", "0"))
        .isEqualTo(2);
  }

  @Test
  void shouldExplainTheRecipeFlagsInHelp() {
    StringWriter help = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setOut(new PrintWriter(help));

    assertThat(commandLine.execute("train", "--help")).isZero();
    assertThat(help.toString().replaceAll("\\s+", " "))
        .contains(
            "--time-budget",
            "--accumulate",
            "--epochs",
            "--grow-eval-set",
            "--eval-recent",
            "cosine",
            "(default: none)",
            "--tensorboard-dir",
            "tensorboard --logdir DIR",
            "none = no event files (default: <checkpoint-dir>/runs)");
  }
}
