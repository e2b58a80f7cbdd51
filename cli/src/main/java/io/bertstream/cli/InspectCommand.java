package io.bertstream.cli;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.inspect.InspectConfig;
import io.bertstream.runtime.inspect.RecordRenderer;
import io.bertstream.runtime.inspect.TextRenderers;
import io.bertstream.runtime.inspect.TopicInspector;
import io.bertstream.stream.ExampleRenderer;
import io.bertstream.tokenizer.BertTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bertstream inspect docs|examples}: look at what is in a topic. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Prints records of <prefix>.docs (docs) or <prefix>.examples (examples): the "
            + "latest --limit records by default, the first ones with --from-beginning. Reads "
            + "committed records only, without a consumer group, so it commits nothing and "
            + "disturbs no running service.")
final class InspectCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Parameters(
      index = "0",
      paramLabel = "docs|examples",
      description = "What to look at: docs (RawDocument) or examples (PretrainingExample).")
  InspectConfig.Kind kind;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description =
          "Read this topic instead of the default for the kind (e.g. <prefix>.examples.eval);"
              + " its values must be of the kind's type.")
  String topic;

  @Option(
      names = "--limit",
      defaultValue = "10",
      description = "Print at most this many records (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "json: one JSON object a line whose fields are the Avro record's fields (timestamps in"
              + " epoch milliseconds); text: a summary for people (default: ${DEFAULT-VALUE}).")
  InspectConfig.OutputFormat format;

  @Option(
      names = "--from-beginning",
      description = "Print the first --limit records instead of the latest.")
  boolean fromBeginning;

  @Option(
      names = "--tokenizer",
      paramLabel = "PATH",
      description =
          "With examples and --format text: show each example as the model sees it, tokens"
              + " decoded with this tokenizer (tokenizer.json, vocab.txt or a HuggingFace model"
              + " directory), masks marked, the segment boundary and the NSP label.")
  Path tokenizer;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      description =
          "Give up if the broker does not answer within this (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws IOException {
    InspectConfig config;
    try {
      config =
          new InspectConfig(
              kind,
              Optional.ofNullable(topic),
              limit,
              format,
              fromBeginning,
              DurationFlag.parse(spec, timeout));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    KafkaConnection connection = kafka.checkedConnection();
    if (tokenizer == null) {
      new TopicInspector(TextRenderers.defaults()).inspect(config, connection, System.out);
      return 0;
    }
    try (BertTokenizer loaded = BertTokenizer.load(tokenizer)) {
      ExampleRenderer examples = new ExampleRenderer(loaded::token);
      RecordRenderer renderer =
          (key, value) ->
              value instanceof PretrainingExample example
                  ? examples.render(example)
                  : TextRenderers.defaults().render(key, value);
      new TopicInspector(renderer).inspect(config, connection, System.out);
    }
    return 0;
  }
}
