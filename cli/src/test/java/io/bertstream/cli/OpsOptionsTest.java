package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.OpsSettings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every service names its ops server's settings the same way: --ops-host and --ops-port. */
class OpsOptionsTest {

  private static final String[] TOKENIZE = {"tokenize", "--tokenizer", "t.json"};
  private static final String[] TRAIN = {"train", "--tokenizer", "t.json", "--checkpoint-dir", "c"};

  private static Object parse(ConfigLayers layers, String[] command, String... more) {
    String[] args = new String[command.length + more.length];
    System.arraycopy(command, 0, args, 0, command.length);
    System.arraycopy(more, 0, args, command.length, more.length);
    return Bertstream.commandLine(layers).parseArgs(args).subcommand().commandSpec().userObject();
  }

  private static OpsSettings tokenizeOps(ConfigLayers layers, String... more) {
    return ((TokenizeCommand) parse(layers, TOKENIZE, more)).config().ops();
  }

  private static OpsSettings trainOps(ConfigLayers layers, String... more) {
    return ((TrainCommand) parse(layers, TRAIN, more)).config().ops();
  }

  @Test
  void shouldDefaultToEachServicesOwnPortOnEveryInterface() {
    assertThat(tokenizeOps(ConfigLayers.none())).isEqualTo(OpsSettings.on(9400));
    assertThat(trainOps(ConfigLayers.none())).isEqualTo(OpsSettings.on(9403));
  }

  @Test
  void shouldTakeTheSameFlagsInEveryService() {
    String[] flags = {"--ops-host", "127.0.0.1", "--ops-port", "9700"};
    OpsSettings expected = new OpsSettings("127.0.0.1", 9700);

    assertThat(tokenizeOps(ConfigLayers.none(), flags)).isEqualTo(expected);
    assertThat(trainOps(ConfigLayers.none(), flags)).isEqualTo(expected);
  }

  @Test
  void shouldTakeFlagsOverEnvironmentOverTheConfigFile() {
    Properties file = new Properties();
    file.setProperty("ops-port", "9600");
    file.setProperty("ops-host", "10.0.0.1");
    ConfigLayers fileOnly = new ConfigLayers(Map.of(), file);
    ConfigLayers environmentAndFile = new ConfigLayers(Map.of("BERTSTREAM_OPS_PORT", "9500"), file);

    assertThat(tokenizeOps(fileOnly)).isEqualTo(new OpsSettings("10.0.0.1", 9600));
    assertThat(trainOps(fileOnly)).isEqualTo(new OpsSettings("10.0.0.1", 9600));
    assertThat(tokenizeOps(environmentAndFile).port()).isEqualTo(9500);
    assertThat(trainOps(environmentAndFile, "--ops-port", "-1").enabled()).isFalse();
  }

  @Test
  void shouldShowEachServicesOwnDefaultInHelp() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());

    assertThat(help(commandLine, "tokenize", "--ops-port"))
        .contains("turns it off (default: 9400).");
    assertThat(help(commandLine, "train", "--ops-port")).contains("turns it off (default: 9403).");
    assertThat(help(commandLine, "tokenize", "--ops-host")).contains("(default: 0.0.0.0).");
    assertThat(help(commandLine, "train", "--ops-host")).contains("(default: 0.0.0.0).");
  }

  /** The help's lines from {@code flag} on, joined, so wrapping does not matter. */
  private static String help(CommandLine commandLine, String command, String flag) {
    String usage = commandLine.getSubcommands().get(command).getUsageMessage();
    return usage.substring(usage.lastIndexOf(flag)).replaceAll("\\s+", " ");
  }
}
