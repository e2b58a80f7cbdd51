package io.bertstream.runtime;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * A console that holds at most one live line under its ordinary lines. On a terminal the live line
 * is rewritten in place, and an ordinary line first wipes it, prints itself, and draws it again
 * below, so neither tears the other; elsewhere the live line is not shown (whoever draws it prints
 * ordinary lines every so often instead). Safe from any thread: a progress bar refreshes from its
 * own.
 */
public final class LiveConsole {

  /** Back to the start of the row, then erase to its end. */
  private static final String WIPE = "\r\033[K";

  private final PrintWriter out;
  private final OutputMode mode;
  private String live = "";

  private LiveConsole(PrintWriter out, OutputMode mode) {
    this.out = Objects.requireNonNull(out, "out");
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  public static LiveConsole of(PrintWriter out, OutputMode mode) {
    return new LiveConsole(out, mode);
  }

  /** Standard error, in the mode {@link OutputMode#detect()} finds: the services' progress. */
  public static LiveConsole stderr() {
    return new LiveConsole(new PrintWriter(System.err, true), OutputMode.detect());
  }

  public OutputMode mode() {
    return mode;
  }

  /** An ordinary line, above the live one. */
  public synchronized void println(String line) {
    if (mode == OutputMode.TERMINAL) {
      // Also wipes a bar another stream drew on this row of the same terminal.
      out.print(WIPE);
    }
    out.println(line);
    if (!live.isEmpty()) {
      out.print(live);
    }
    out.flush();
  }

  /** Replaces the live line; ignored when not on a terminal. */
  public synchronized void live(String text) {
    if (mode != OutputMode.TERMINAL) {
      return;
    }
    live = text;
    out.print(WIPE + text);
    out.flush();
  }

  /** Removes the live line; what follows starts on a clean row. */
  public synchronized void endLive() {
    if (mode != OutputMode.TERMINAL || live.isEmpty()) {
      return;
    }
    live = "";
    out.print(WIPE);
    out.flush();
  }
}
