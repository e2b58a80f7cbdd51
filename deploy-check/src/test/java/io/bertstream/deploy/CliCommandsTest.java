package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The checker itself, against commands the CLI has today. */
class CliCommandsTest {

  @Test
  void shouldRejectACommandTheCliDoesNotHave() {
    assertThatThrownBy(() -> CliCommands.parse(List.of("no-such-command", "--flag")))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }

  @Test
  void shouldRejectArgumentsThatSelectNoSubcommand() {
    assertThatThrownBy(() -> CliCommands.parse(List.of("--version")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReportEnvironmentThatNoFlagOfTheCommandReads() {
    CommandLine.ParseResult help = CliCommands.parse(List.of("help"));

    assertThat(
            CliCommands.unreadEnvironment(
                help, List.of("BERTSTREAM_BOOTSTRAP_SERVERS", "JAVA_OPTS", "BERTSTREAM_HELP")))
        .containsExactly("BERTSTREAM_BOOTSTRAP_SERVERS");
  }
}
