package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.tokenizer.BertTokenizer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VocabCommandTest {

  @TempDir Path dir;

  @Test
  void shouldWriteATokenizerThatLoadsWhenTrainingSucceeds() throws Exception {
    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(
        corpus, "the people and the congress of the union\n".repeat(50), StandardCharsets.UTF_8);
    Path out = dir.resolve("model/tokenizer.json");

    int exit =
        execute(
            "vocab",
            "train",
            "--input",
            corpus.toString(),
            "--vocab-size",
            "80",
            "--out",
            out.toString());

    assertThat(exit).isZero();
    assertThat(dir.resolve("model/vocab.txt")).exists();
    try (BertTokenizer tokenizer = BertTokenizer.load(out)) {
      assertThat(tokenizer.tokenize("The Congress")).containsExactly("the", "congress");
    }
  }

  @Test
  void shouldExplainEveryFlagInHelp() {
    StringWriter help = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setOut(new PrintWriter(help));

    assertThat(commandLine.execute("vocab", "train", "--help")).isZero();
    assertThat(help.toString())
        .contains(
            "--input",
            "--format",
            "--text-field",
            "--vocab-size",
            "--min-frequency",
            "--cased",
            "--limit-alphabet",
            "--out",
            "--from-topic",
            "--max-docs",
            "--bootstrap-servers");
  }

  @Test
  void shouldExitWithUsageErrorWhenTheVocabularySizeIsTooSmall() {
    assertThat(execute("vocab", "train", "--input", "x", "--vocab-size", "3", "--out", "y"))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(execute("vocab", "train", "--input", "x")).isEqualTo(CommandLine.ExitCode.USAGE);
  }

  @Test
  void shouldExitWithUsageErrorWhenNeitherInputNorTopicIsGiven() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("vocab", "train", "--out", dir.resolve("t.json").toString());

    assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--input", "--from-topic");
    assertThat(dir.resolve("t.json")).doesNotExist();
  }

  @Test
  void shouldFailWhenTheInputDoesNotExist() {
    int exit =
        execute(
            "vocab",
            "train",
            "--input",
            dir.resolve("missing").toString(),
            "--out",
            dir.resolve("t.json").toString());

    assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
  }

  private static int execute(String... args) {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }
}
