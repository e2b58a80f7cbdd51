package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

class DurationFlagTest {

  private final CommandLine probe = new CommandLine(CommandSpec.create().name("probe"));

  @Test
  void shouldReadTheDurationsUsersType() {
    CommandSpec command = probe.getCommandSpec();

    assertThat(DurationFlag.parse(command, "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationFlag.parse(command, " 30s ")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationFlag.parse(command, "10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationFlag.parse(command, "PT1H")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shouldReportAValueThatIsNoDurationAsAUsageErrorOfItsCommand() {
    ParameterException error =
        assertThrows(
            ParameterException.class, () -> DurationFlag.parse(probe.getCommandSpec(), "soon"));

    assertThat(error.getCommandLine()).isSameAs(probe);
    assertThat(error).hasMessageContaining("not a duration: 'soon'");
  }

  @Test
  void shouldExitWithBadUsageWhenInspectIsGivenATimeoutThatIsNoDuration() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));

    int status = commandLine.execute("inspect", "docs", "--timeout", "soon");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("not a duration: 'soon'");
  }

  @Test
  void shouldExitWithBadUsageWhenTrainIsGivenAnIdleTimeoutThatIsNoDuration() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));

    int status =
        commandLine.execute(
            "train",
            "--tokenizer",
            "tokenizer.json",
            "--checkpoint-dir",
            "checkpoints",
            "--idle-timeout",
            "soon");

    assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("not a duration: 'soon'");
  }
}
