package io.bertstream.trainer.dashboard;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, for tests that load a page as a browser does: {@code
 * --dump-dom} returns the DOM once the page's scripts have run for a span of virtual time (timers
 * fire at once, network requests are awaited), {@code --screenshot} draws it to a PNG. Each run
 * gets a fresh profile and no background networking, so it reaches nothing but the page's server.
 *
 * <p>The system property {@code bertstream.chromium} chooses the binary: empty finds {@code
 * chromium} on the PATH, a path names one, {@code none} means there is none ({@link #find} is
 * empty, and the tests that need it are skipped).
 */
public final class HeadlessChromium {

  /** The system property that names the binary, or {@code none}. */
  public static final String PROPERTY = "bertstream.chromium";

  private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /**
   * The browser {@value #PROPERTY} names; empty when it says {@code none}.
   *
   * @throws IllegalStateException when there is no such browser: install it, or say none
   */
  public static Optional<HeadlessChromium> find() {
    String chosen = System.getProperty(PROPERTY, "").trim();
    if (chosen.equals("none")) {
      return Optional.empty();
    }
    Optional<Path> binary =
        chosen.isEmpty()
            ? onPath("chromium")
            : Optional.of(Path.of(chosen)).filter(Files::isExecutable);
    return Optional.of(
        new HeadlessChromium(
            binary.orElseThrow(
                () ->
                    new IllegalStateException(
                        (chosen.isEmpty() ? "no chromium on the PATH" : "no browser at " + chosen)
                            + ": install Debian's chromium (apt-get install chromium), name one"
                            + " with -D"
                            + PROPERTY
                            + "=PATH, or skip the browser tests with -D"
                            + PROPERTY
                            + "=none"))));
  }

  /** The DOM of {@code page} after {@code virtualTime} of its scripts' time. */
  public String dumpDom(URI page, Duration virtualTime) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", page.toString()), virtualTime, 1280, 900);
  }

  /**
   * Draws {@code page} after {@code virtualTime} into {@code png}, {@code width}×{@code height}.
   */
  public void screenshot(URI page, Duration virtualTime, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(
        List.of("--screenshot=" + png.toAbsolutePath(), page.toString()),
        virtualTime,
        width,
        height);
    if (!Files.isRegularFile(png)) {
      throw new IOException("chromium wrote no screenshot to " + png);
    }
  }

  private String run(List<String> what, Duration virtualTime, int width, int height)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("bertstream-chromium-");
    Path errors = profile.resolve("stderr.txt");
    Path out = profile.resolve("stdout.txt");
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--hide-scrollbars",
                  "--user-data-dir=" + profile.resolve("profile"),
                  "--window-size=" + width + "," + height,
                  "--virtual-time-budget=" + virtualTime.toMillis()));
      command.addAll(what);
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(errors.toFile())
              .start();
      if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("chromium did not finish within " + PROCESS_TIMEOUT + ": " + command);
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "chromium exited with "
                + process.exitValue()
                + ": "
                + Files.readString(errors, StandardCharsets.UTF_8));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(directory).resolve(name);
      if (!directory.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    Path debian = Path.of("/usr/bin/chromium");
    return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
  }
}
