package io.bertstream.runtime;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Whether a person is watching: the one place every command decides between a live progress line
 * that rewrites itself ({@link #TERMINAL}) and periodic lines that read well in a log file, CI or
 * {@code kubectl logs} ({@link #LINES}).
 */
public enum OutputMode {
  /** A terminal: one line, rewritten in place. */
  TERMINAL,
  /** Redirected, piped or without a terminal: a line every so often. */
  LINES;

  /** The mode of this process's standard output. */
  public static OutputMode detect() {
    return detect(System.console(), System.getenv("TERM"));
  }

  /**
   * {@link #TERMINAL} when the JVM has a console (standard input and output are both a terminal)
   * and {@code TERM} is not {@code dumb} (Emacs shells, some CI runners: no cursor control). From
   * Java 22 a console exists for redirected output too; {@code Console.isTerminal()} then decides.
   */
  static OutputMode detect(Console console, String term) {
    if (console == null || "dumb".equals(term) || !isTerminal(console)) {
      return LINES;
    }
    return TERMINAL;
  }

  private static boolean isTerminal(Console console) {
    Method isTerminal;
    try {
      isTerminal = Console.class.getMethod("isTerminal");
    } catch (NoSuchMethodException beforeJava22) {
      // Before Java 22 a console exists only when both ends are a terminal.
      return true;
    }
    try {
      return (Boolean) isTerminal.invoke(console);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }
}
