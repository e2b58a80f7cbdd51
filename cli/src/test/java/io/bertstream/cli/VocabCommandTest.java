package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.train.TextCorpus;
import io.bertstream.tokenizer.train.VocabTraining;
import io.bertstream.tokenizer.train.VocabTrainingConfig;
import io.bertstream.tokenizer.train.VocabTrainingResult;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
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
  void shouldReadFilesAsIngestDoesAndTrainWhatTheirTextsTrain() throws Exception {
    String text =
        """
        The nation grows stronger. The nations of the world watch the nation.
        Congress passed the budget; the budgets of the states follow the budget of Congress.
        """;
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("a.txt"), text.repeat(20), StandardCharsets.UTF_8);
    StringBuilder jsonLines = new StringBuilder();
    for (String line : text.strip().split("\n")) {
      jsonLines.append(("{\"id\": \"x\", \"body\": \"" + line + "\"}\n").repeat(10));
    }
    jsonLines.append("not json\n");
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(corpus.resolve("b.jsonl.gz")))) {
      out.write(jsonLines.toString().getBytes(StandardCharsets.UTF_8));
    }
    Path out = dir.resolve("files/tokenizer.json");

    int exit =
        execute(
            "vocab",
            "train",
            "--input",
            corpus.toString(),
            "--text-field",
            "body",
            "--vocab-size",
            "150",
            "--out",
            out.toString());

    List<String> texts = new ArrayList<>(List.of(text.repeat(20)));
    for (String line : text.strip().split("\n")) {
      texts.addAll(Collections.nCopies(10, line));
    }
    VocabTrainingResult expected =
        VocabTraining.run(
            new VocabTrainingConfig(150, 2, false, 1000, dir.resolve("texts/tokenizer.json")),
            List.of(TextCorpus.of(texts)));
    assertThat(exit).isZero();
    assertThat(out).hasSameBinaryContentAs(expected.tokenizerJson());
  }

  @Test
  void shouldReadAJsonFileAsJsonLinesAsIngestDoesUnlessTheFormatSaysText() throws Exception {
    Path json =
        Files.writeString(
            dir.resolve("docs.json"),
            "{\"text\": \"the people and the congress\"}\n".repeat(20),
            StandardCharsets.UTF_8);
    Path asJsonLines = dir.resolve("jsonl/tokenizer.json");
    Path asText = dir.resolve("text/tokenizer.json");

    assertThat(
            execute("vocab", "train", "--input", json.toString(), "--out", asJsonLines.toString()))
        .isZero();
    assertThat(
            execute(
                "vocab",
                "train",
                "--input",
                json.toString(),
                "--format",
                "text",
                "--out",
                asText.toString()))
        .isZero();

    assertThat(Files.readAllLines(asJsonLines.resolveSibling("vocab.txt")))
        .contains("people", "congress")
        .doesNotContain("{", "\"");
    assertThat(Files.readAllLines(asText.resolveSibling("vocab.txt"))).contains("{", "\"");
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
            "--include",
            "--on-invalid-utf8",
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
