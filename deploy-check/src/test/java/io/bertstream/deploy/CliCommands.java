package io.bertstream.deploy;

import io.bertstream.cli.Bertstream;
import io.bertstream.cli.ConfigLayers;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** Checks deployment commands against the {@code bertstream} CLI's own parser. */
final class CliCommands {

  private static final String ENV_PREFIX = "BERTSTREAM_";

  private CliCommands() {}

  /**
   * Parses {@code args} (everything after the {@code bertstream} entrypoint) and returns the
   * subcommand they select. Throws picocli's ParameterException for an unknown command, an unknown
   * option, a bad value or a missing required option.
   */
  static ParseResult parse(List<String> args) {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    ParseResult result = commandLine.parseArgs(args.toArray(String[]::new));
    if (!result.hasSubcommand()) {
      throw new IllegalArgumentException("no subcommand in " + args);
    }
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result;
  }

  /** The string value given for {@code option}, if the command line has it. */
  static Optional<String> value(ParseResult command, String option) {
    OptionSpec matched = command.matchedOption(option);
    if (matched == null || matched.stringValues().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(matched.stringValues().get(matched.stringValues().size() - 1));
  }

  /**
   * The {@code BERTSTREAM_*} variables among {@code names} that no option of {@code command} reads
   * ({@code BERTSTREAM_TOPIC_PREFIX} is read by {@code --topic-prefix}): typos, or flags the
   * command does not have.
   */
  static Set<String> unreadEnvironment(ParseResult command, Collection<String> names) {
    Set<String> options =
        command.commandSpec().options().stream()
            .map(OptionSpec::longestName)
            .collect(Collectors.toSet());
    return names.stream()
        .filter(name -> name.startsWith(ENV_PREFIX))
        .filter(
            name ->
                !options.contains(
                    "--"
                        + name.substring(ENV_PREFIX.length())
                            .toLowerCase(Locale.ROOT)
                            .replace('_', '-')))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /**
   * The port a service serves {@code /health/*} and {@code /metrics} on: {@code --ops-port}, or for
   * {@code ingest serve} its HTTP {@code --port}.
   */
  static Optional<Integer> servedPort(ParseResult command) {
    return value(command, "--ops-port").or(() -> value(command, "--port")).map(Integer::valueOf);
  }

  /** The full command name, e.g. {@code bertstream ingest serve}. */
  static String name(ParseResult command) {
    return command.commandSpec().qualifiedName();
  }
}
