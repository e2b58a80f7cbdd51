package io.bertstream.trainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link TrainerChild} in a fresh JVM with this test's classpath and engine settings (the same
 * operator threads as the test's own JVM, so both compute bit for bit alike). Its output is copied
 * to a log file line by line while the steps it reports are tracked, so a test waits for a step on
 * a monitor instead of polling files, and knows when each step was first reported.
 */
final class TrainerProcess implements AutoCloseable {

  private static final Pattern TRAINED_LINE =
      Pattern.compile(Pattern.quote(TrainerChild.TRAINED) + "(\\d+)");

  private final Process process;
  private final Thread pump;
  private final Map<Long, Instant> reported = new ConcurrentHashMap<>();
  private final Object monitor = new Object();
  private long lastStep = -1; // guarded by monitor
  private boolean outputEnded; // guarded by monitor

  private TrainerProcess(Process process, Path log) {
    this.process = process;
    this.pump = new Thread(() -> copyOutput(log), "trainer-child-output");
    this.pump.setDaemon(true);
    this.pump.start();
  }

  /** Starts {@link TrainerChild} with {@code args}, appending its output to {@code log}. */
  static TrainerProcess start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Dai.djl.offline=true");
    for (String property :
        List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TrainerChild.class.getName());
    command.addAll(List.of(args));
    return new TrainerProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
  }

  /**
   * Waits at most {@code timeout} until the child reports step {@code step} or a later one, or its
   * output ends (it exited or was killed).
   *
   * @return the last step reported by then, -1 for none
   */
  long awaitStep(long step, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      long left = timeout.toNanos();
      while (lastStep < step && !outputEnded && left > 0) {
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
        left = deadline - System.nanoTime();
      }
      return lastStep;
    }
  }

  /** The last step the child reported, -1 for none. */
  long lastStep() {
    synchronized (monitor) {
      return lastStep;
    }
  }

  /** When the child first reported {@code step}; null if it did not. */
  Instant reportedAt(long step) {
    return reported.get(step);
  }

  /**
   * SIGKILLs the child and waits for it to be gone.
   *
   * @return whether it was still running (not yet exited by itself)
   */
  boolean kill() throws InterruptedException {
    boolean alive = process.isAlive();
    process.destroyForcibly();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      throw new AssertionError("the killed trainer did not end within a minute");
    }
    pump.join(Duration.ofSeconds(10).toMillis());
    return alive;
  }

  /**
   * Waits for the child to exit.
   *
   * @return its exit status
   * @throws AssertionError after {@code timeout}
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the trainer did not exit within " + timeout);
    }
    pump.join(Duration.ofSeconds(10).toMillis());
    return process.exitValue();
  }

  /** Kills the child if it still runs (a test that failed half-way leaves no JVM behind). */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void copyOutput(Path log) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.write(line);
        out.write('\n');
        out.flush();
        Matcher trained = TRAINED_LINE.matcher(line);
        if (trained.matches()) {
          long step = Long.parseLong(trained.group(1));
          reported.putIfAbsent(step, Instant.now());
          synchronized (monitor) {
            lastStep = Math.max(lastStep, step);
            monitor.notifyAll();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("copying the trainer's output to " + log, e);
    } finally {
      synchronized (monitor) {
        outputEnded = true;
        monitor.notifyAll();
      }
    }
  }
}
