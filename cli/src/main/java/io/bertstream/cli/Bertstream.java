package io.bertstream.cli;

import io.bertstream.ingestor.http.tls.TlsSetupException;
import io.bertstream.runtime.ClientFailures;
import io.bertstream.tokenizer.InvalidTokenizerException;
import io.bertstream.trainer.huggingface.HuggingFaceImportException;
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
    subcommands = {
      LocalCommand.class,
      IngestCommand.class,
      VocabCommand.class,
      TokenizeCommand.class,
      InspectCommand.class,
      TrainCommand.class,
      FillMaskCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      QuickstartCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Configuration layers: defaults < --config FILE < BERTSTREAM_* environment < flags.",
      "Exit status: 0 success, 1 failure, 2 bad usage."
    })
public final class Bertstream implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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

  /**
   * The fully wired command line; tests and the compose/k8s checks parse with it. {@code layers}
   * supply every option's default and, through {@link KafkaOptions}, the client properties.
   */
  public static CommandLine commandLine(ConfigLayers layers) {
    CommandLine commandLine = new CommandLine(new Bertstream());
    commandLine.setDefaultValueProvider(layers);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setUsageHelpAutoWidth(true);
    commandLine.setExecutionExceptionHandler(Bertstream::reportFailure);
    // After the subcommands exist: the factory is handed down to each.
    commandLine.setHelpFactory(HelpWithoutSecrets::new);
    return commandLine;
  }

  /**
   * Failures reach users as one line naming the command and the cause; the stack trace is for
   * developers and shows with {@code BERTSTREAM_DEBUG=1}. A client failure no retry can fix (Kafka
   * refused the login or an ACL, TLS failed, the registry refused the credentials) is told by
   * {@link ClientFailures}, with what to check. A tokenizer, a HuggingFace model directory or TLS
   * files that cannot be used are bad usage (exit 2), found only when the command loads them.
   */
  private static int reportFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    commandLine
        .getErr()
        .println(
            commandLine.getCommandSpec().qualifiedName()
                + ": "
                + ClientFailures.explain(failure).orElseGet(() -> causes(failure)));
    if ("1".equals(System.getenv("BERTSTREAM_DEBUG"))) {
      failure.printStackTrace(commandLine.getErr());
    }
    return badInput(failure) ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
  }

  /** The messages of {@code failure} and its causes, each once, joined with ": ". */
  private static String causes(Throwable failure) {
    StringBuilder message = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
        message.append(message.length() == 0 ? "" : ": ").append(cause.getMessage());
      }
    }
    return message.length() == 0 ? failure.getClass().getSimpleName() : message.toString();
  }

  private static boolean badInput(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidTokenizerException
          || cause instanceof HuggingFaceImportException
          || cause instanceof TlsSetupException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {

    /** {@code bertstream VERSION}, as {@code --version} prints it. */
    static String line() {
      return new Version().getVersion()[0];
    }

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
