package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.stream.recipe.RecipeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenizeCommandTest {

  private static TokenizeCommand parse(ConfigLayers layers, String... args) {
    CommandLine commandLine = Bertstream.commandLine(layers);
    CommandLine.ParseResult result = commandLine.parseArgs(args);
    return (TokenizeCommand) result.subcommand().commandSpec().userObject();
  }

  @Test
  void shouldUseTheOriginalRecipeDefaults() {
    TokenizerStreamConfig config =
        parse(ConfigLayers.none(), "tokenize", "--tokenizer", "t.json").config();
    RecipeConfig recipe = config.recipe();
    assertThat(recipe.maxSeqLength()).isEqualTo(128);
    assertThat(recipe.maskedLmProb()).isEqualTo(0.15);
    assertThat(recipe.maxPredictionsPerSeq()).isEqualTo(20);
    assertThat(recipe.shortSeqProb()).isEqualTo(0.1);
    assertThat(recipe.randomNextProb()).isEqualTo(0.5);
    assertThat(recipe.wholeWordMask()).isFalse();
    assertThat(recipe.evalFraction()).isEqualTo(0.01);
    assertThat(recipe.dupeFactor()).isEqualTo(1);
    assertThat(config.tokenizer()).isEqualTo(Path.of("t.json"));
    assertThat(config.applicationId()).isEqualTo("bertstream-tokenizer-stream");
  }

  @Test
  void shouldTakeFlagsOverEnvironmentOverTheConfigFile() {
    Properties file = new Properties();
    file.setProperty("seed", "1");
    file.setProperty("max-seq-length", "64");
    file.setProperty("topic-prefix", "acme");
    ConfigLayers layers = new ConfigLayers(Map.of("BERTSTREAM_SEED", "2"), file);
    TokenizerStreamConfig config =
        parse(
                layers,
                "tokenize",
                "--tokenizer",
                "t.json",
                "--whole-word-mask",
                "--standby-replicas",
                "1")
            .config();
    assertThat(config.recipe().seed()).isEqualTo(2);
    assertThat(config.recipe().maxSeqLength()).isEqualTo(64);
    assertThat(config.recipe().wholeWordMask()).isTrue();
    assertThat(config.standbyReplicas()).isEqualTo(1);
    assertThat(config.applicationId()).isEqualTo("acme-tokenizer-stream");
  }

  @Test
  void shouldMakeAsManyMaskedCopiesAsTheDupeFactorSays() {
    TokenizerStreamConfig config =
        parse(ConfigLayers.none(), "tokenize", "--tokenizer", "t.json", "--dupe-factor", "5")
            .config();
    assertThat(config.recipe().dupeFactor()).isEqualTo(5);
    assertThat(config.recipe().withDupeFactor(1)).isEqualTo(RecipeConfig.defaults());

    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    int status = commandLine.execute("tokenize", "--tokenizer", "t.json", "--dupe-factor", "0");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("dupe-factor must be at least 1");
  }

  @Test
  void shouldExitWithTwoOnABadValue() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    int status =
        commandLine.execute("tokenize", "--tokenizer", "t.json", "--masked-lm-prob", "1.5");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("masked-lm-prob");
  }

  @Test
  void shouldExitWithTwoAndOneLineWhenTheTokenizerDirectoryHasNoTokenizer(@TempDir Path dir) {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    int status = commandLine.execute("tokenize", "--tokenizer", dir.toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip())
        .doesNotContain("\n")
        .startsWith("bertstream tokenize: ")
        .contains(dir + " has no tokenizer.json or vocab.txt");
  }

  @Test
  void shouldExplainEveryFlagInHelp() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    String help = commandLine.getSubcommands().get("tokenize").getUsageMessage();
    for (String flag :
        new String[] {
          "--tokenizer", "--max-seq-length", "--masked-lm-prob", "--max-predictions-per-seq",
          "--short-seq-prob", "--random-next-prob", "--whole-word-mask", "--seed",
          "--eval-fraction", "--reservoir-size", "--dupe-factor", "--standby-replicas",
          "--ops-port"
        }) {
      assertThat(help).contains(flag);
    }
    assertThat(help.replaceAll("\\s+", " "))
        .contains("HuggingFace model directory")
        .contains("Costs N times the examples");
  }
}
