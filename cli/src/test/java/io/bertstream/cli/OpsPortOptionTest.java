package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OpsPortOptionTest {

  private static final String[] TOKENIZE = {"tokenize", "--tokenizer", "t.json"};
  private static final String[] TRAIN = {"train", "--tokenizer", "t.json", "--checkpoint-dir", "c"};

  private static Object parse(ConfigLayers layers, String[] command, String... more) {
    String[] args = new String[command.length + more.length];
    System.arraycopy(command, 0, args, 0, command.length);
    System.arraycopy(more, 0, args, command.length, more.length);
    return Bertstream.commandLine(layers).parseArgs(args).subcommand().commandSpec().userObject();
  }

  private static int tokenizePort(ConfigLayers layers, String... more) {
    return ((TokenizeCommand) parse(layers, TOKENIZE, more)).ops.port();
  }

  private static int trainPort(ConfigLayers layers, String... more) {
    return ((TrainCommand) parse(layers, TRAIN, more)).ops.port();
  }

  @Test
  void shouldDefaultToEachServicesOwnPort() {
    assertThat(tokenizePort(ConfigLayers.none())).isEqualTo(9400);
    assertThat(trainPort(ConfigLayers.none())).isEqualTo(9403);
  }

  @Test
  void shouldTakeFlagsOverEnvironmentOverTheConfigFile() {
    Properties file = new Properties();
    file.setProperty("ops-port", "9600");
    ConfigLayers fileOnly = new ConfigLayers(Map.of(), file);
    ConfigLayers environmentAndFile = new ConfigLayers(Map.of("BERTSTREAM_OPS_PORT", "9500"), file);

    assertThat(tokenizePort(fileOnly)).isEqualTo(9600);
    assertThat(trainPort(fileOnly)).isEqualTo(9600);
    assertThat(tokenizePort(environmentAndFile)).isEqualTo(9500);
    assertThat(trainPort(environmentAndFile, "--ops-port", "-1")).isEqualTo(-1);
  }

  @Test
  void shouldShowEachServicesOwnDefaultInHelp() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());

    assertThat(help(commandLine, "tokenize")).contains("turns it off (default: 9400).");
    assertThat(help(commandLine, "train")).contains("turns it off (default: 9403).");
  }

  /** The help's lines from {@code --ops-port} on, joined, so wrapping does not matter. */
  private static String help(CommandLine commandLine, String command) {
    String usage = commandLine.getSubcommands().get(command).getUsageMessage();
    return usage.substring(usage.lastIndexOf("--ops-port")).replaceAll("\\s+", " ");
  }
}
