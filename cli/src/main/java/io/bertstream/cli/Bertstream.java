package io.bertstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bertstream} command: every service, the local stack and the quickstart. */
@Command(
    name = "bertstream",
    mixinStandardHelpOptions = true,
    versionProvider = Bertstream.Version.class,
    description = "Pretrain BERT online from text that keeps arriving in Kafka.",
    subcommands = {CommandLine.HelpCommand.class},
    footer = {
      "",
      "Configuration layers: defaults < --config FILE < BERTSTREAM_* environment < flags.",
      "Exit status: 0 success, 1 failure, 2 bad usage."
    })
public final class Bertstream implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final ConfigLayers layers;

  public Bertstream(ConfigLayers layers) {
    this.layers = layers;
  }

  /** The configuration below the flags; subcommands reach it through {@code @ParentCommand}. */
  public ConfigLayers layers() {
    return layers;
  }

  public static void main(String[] args) {
    ConfigLayers layers;
    try {
      layers = ConfigLayers.load(args, System.getenv());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("bertstream: " + e.getMessage());
      System.exit(CommandLine.ExitCode.USAGE);
      return;
    }
    System.exit(commandLine(layers).execute(args));
  }

  /** The fully wired command line; tests and the compose/k8s checks parse with it. */
  public static CommandLine commandLine(ConfigLayers layers) {
    CommandLine commandLine = new CommandLine(new Bertstream(layers));
    commandLine.setDefaultValueProvider(layers);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setUsageHelpAutoWidth(true);
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = Bertstream.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"bertstream " + properties.getProperty("version", "unknown")};
    }
  }
}
