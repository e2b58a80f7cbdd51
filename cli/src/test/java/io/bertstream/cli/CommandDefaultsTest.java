package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.http.RateLimit;
import io.bertstream.ingestor.http.ServeConfig;
import io.bertstream.local.LocalStack;
import io.bertstream.runtime.Durations;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.tokenizer.train.VocabTrainingConfig;
import io.bertstream.trainer.TrainerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command takes its defaults from the configuration type it builds: given no flags, it builds
 * exactly that type's defaults, and its help shows them.
 */
class CommandDefaultsTest {

  /** The innermost command {@code args} select, as picocli filled it in. */
  private static Object parse(String... args) {
    CommandLine.ParseResult result = Bertstream.commandLine(ConfigLayers.none()).parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.commandSpec().userObject();
  }

  @Test
  void shouldTrainWithTheTrainerConfigsDefaults() {
    TrainCommand train =
        (TrainCommand) parse("train", "--tokenizer", "t.json", "--checkpoint-dir", "c");

    assertThat(train.config())
        .isEqualTo(
            TrainerConfig.builder(KafkaConnection.defaults(), Path.of("t.json"), Path.of("c"))
                .build());
  }

  @Test
  void shouldTokenizeWithTheStreamConfigsDefaults() {
    TokenizeCommand tokenize = (TokenizeCommand) parse("tokenize", "--tokenizer", "t.json");

    assertThat(tokenize.config())
        .isEqualTo(TokenizerStreamConfig.of(KafkaConnection.defaults(), Path.of("t.json")));
  }

  @Test
  void shouldRunTheQuickstartWithItsConfigsDefaults() {
    QuickstartCommand quickstart = (QuickstartCommand) parse("quickstart");

    assertThat(quickstart.config()).isEqualTo(QuickstartConfig.defaults());
  }

  @Test
  void shouldIngestWithTheIngestConfigsDefaults() {
    IngestCommand ingest = (IngestCommand) parse("ingest", "-");
    IngestConfig defaults = IngestConfig.defaults();

    assertThat(ingest.format).isEqualTo(defaults.format());
    assertThat(ingest.split).isEqualTo(defaults.split());
    assertThat(Durations.parse(ingest.progressInterval)).isEqualTo(defaults.progressInterval());
    assertThat(ingest.documents.rules(null)).isEqualTo(DocumentRules.defaults());
  }

  @Test
  void shouldServeWithTheServeConfigsDefaults() {
    IngestCommand.Serve serve = (IngestCommand.Serve) parse("ingest", "serve");
    ServeConfig defaults = ServeConfig.defaults();

    assertThat(serve.host).isEqualTo(defaults.host());
    assertThat(serve.port).isEqualTo(defaults.port());
    assertThat(serve.maxRequestBytes).isEqualTo(defaults.maxRequestBytes());
    assertThat(Durations.parse(serve.ackTimeout)).isEqualTo(defaults.ackTimeout());
    assertThat(RateLimit.parse(serve.rateLimit, serve.rateLimitBurst))
        .isEqualTo(defaults.rateLimit());
    assertThat(serve.tls()).isEqualTo(defaults.tls());
  }

  @Test
  void shouldTrainVocabulariesWithTheVocabConfigsDefaults() {
    VocabCommand.Train vocab = (VocabCommand.Train) parse("vocab", "train", "--out", "t.json");
    VocabTrainingConfig expected = VocabTrainingConfig.of(Path.of("t.json"));
    IngestConfig files = IngestConfig.defaults();

    assertThat(
            new VocabTrainingConfig(
                vocab.vocabSize, vocab.minFrequency, vocab.cased, vocab.limitAlphabet, vocab.out))
        .isEqualTo(expected);
    assertThat(vocab.inputs).isEmpty();
    assertThat(vocab.format).isEqualTo(files.format());
    assertThat(vocab.textField).isEqualTo(files.rules().textField());
    assertThat(vocab.onInvalidUtf8).isEqualTo(files.rules().invalidUtf8());
  }

  @Test
  void shouldStartTheLocalStackWithItsConfigsDefaults() {
    LocalCommand.Up up = (LocalCommand.Up) parse("local", "up");

    assertThat(new LocalStack.Config(up.dataDir, up.kafkaPort, up.registryPort, up.partitions))
        .isEqualTo(LocalStack.Config.defaults());
  }

  @Test
  void shouldShowTheConfigTypesDefaultsInHelp() {
    CommandLine root = Bertstream.commandLine(ConfigLayers.none());

    assertThat(usage(root, "train"))
        .contains("(default: " + TrainerConfig.defaults().batchSize() + ")")
        .contains("(default: 10m)");
    assertThat(usage(root, "quickstart")).contains("(default: 8192)");
    assertThat(usage(root, "ingest"))
        .as("enum defaults read as users type them")
        .contains("(default: auto)")
        .contains("(default: none)")
        .contains("(default: detect)");
    assertThat(usage(root, "vocab", "train")).contains("(default: auto)");
  }

  @Test
  void shouldShowADefaultForEveryOptionThatPromisesOne() {
    List<String> missing = new ArrayList<>();
    collectMissingDefaults(Bertstream.commandLine(ConfigLayers.none()), missing);

    assertThat(missing).isEmpty();
  }

  private static void collectMissingDefaults(CommandLine command, List<String> missing) {
    String usage = command.getUsageMessage().replaceAll("\\s+", " ");
    if (usage.contains("default: null")) {
      missing.add(command.getCommandSpec().qualifiedName());
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      collectMissingDefaults(sub, missing);
    }
  }

  private static String usage(CommandLine root, String... path) {
    CommandLine command = root;
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getUsageMessage().replaceAll("\\s+", " ");
  }
}
