package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LiveConsoleTest {

  private final StringWriter written = new StringWriter();

  @Test
  void shouldWipeTheLiveLineBeforeALineAndDrawItAgainBelow() {
    LiveConsole console = LiveConsole.of(new PrintWriter(written), OutputMode.TERMINAL);

    console.live("training 10%");
    console.println("[   5s] evaluation  done");
    console.live("training 20%");
    console.endLive();

    assertThat(written.toString())
        .isEqualTo(
            "\r\033[Ktraining 10%"
                + "\r\033[K[   5s] evaluation  done"
                + System.lineSeparator()
                + "training 10%"
                + "\r\033[Ktraining 20%"
                + "\r\033[K");
  }

  @Test
  void shouldPrintOnlyOrdinaryLinesWhenNotOnATerminal() {
    LiveConsole console = LiveConsole.of(new PrintWriter(written), OutputMode.LINES);

    console.live("training 10%");
    console.println("a line");
    console.endLive();

    assertThat(written.toString()).isEqualTo("a line" + System.lineSeparator());
  }

  @Test
  void shouldNotTakeADumbTerminalOrAMissingConsoleForATerminal() {
    assertThat(OutputMode.detect(null, "xterm-256color")).isEqualTo(OutputMode.LINES);
    assertThat(OutputMode.detect(null, "dumb")).isEqualTo(OutputMode.LINES);
  }
}
