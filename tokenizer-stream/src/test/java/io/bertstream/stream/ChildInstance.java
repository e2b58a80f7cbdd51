package io.bertstream.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * The test's side of one {@link FaultChild}: starts it with this JVM's classpath, copies its output
 * to a log file while collecting its report lines, and steers it (arm, resume, SIGKILL).
 */
final class ChildInstance implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final Path controlDir;
  private final Thread reader;
  private final List<String> reports = new ArrayList<>();
  private boolean ended;

  private ChildInstance(String name, Process process, Path log, Path controlDir) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.controlDir = controlDir;
    this.reader = new Thread(this::copyOutput, "child-" + name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a child.
   *
   * @param controlDir the control directory named in {@code arguments}
   * @param log where the child's output goes
   * @param arguments from {@link FaultChild#arguments}
   */
  static ChildInstance start(String name, Path controlDir, Path log, List<String> arguments)
      throws IOException {
    Files.createDirectories(controlDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small and serial: three of these share two cores with the broker and the test.
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FaultChild.class.getName());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return new ChildInstance(name, process, log, controlDir);
  }

  String name() {
    return name;
  }

  Path controlDir() {
    return controlDir;
  }

  Path log() {
    return log;
  }

  private void copyOutput() {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        out.write(line);
        out.write('\n');
        if (line.startsWith(FaultChildProtocol.MARK)) {
          out.flush();
          synchronized (this) {
            reports.add(line);
            notifyAll();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /** Waits for the first report line starting with {@code prefix} and returns it. */
  synchronized String awaitReport(String prefix, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      for (String line : reports) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (ended || left <= 0) {
        throw new AssertionError(
            "instance "
                + name
                + (ended ? " ended" : " timed out")
                + " before reporting '"
                + prefix
                + "'; its output is in "
                + log);
      }
      wait(left);
    }
  }

  /** The input partitions this instance received records from. */
  synchronized Set<TopicPartition> consumed() {
    Set<TopicPartition> partitions = new LinkedHashSet<>();
    for (String line : reports) {
      if (line.startsWith(FaultChildProtocol.CONSUMED)) {
        partitions.add(
            FaultChildProtocol.partition(
                line.substring(FaultChildProtocol.CONSUMED.length()).strip()));
      }
    }
    return partitions;
  }

  /** Pauses the instance at the {@code n}-th example it sends from now on (n at least 2). */
  void arm(int n) throws IOException {
    Path pending = controlDir.resolve("arm.pending");
    Files.writeString(pending, Integer.toString(n), StandardCharsets.UTF_8);
    // Atomic, so the child never reads a half-written number.
    Files.move(pending, FaultChildProtocol.arm(controlDir));
  }

  void resume() throws IOException {
    Files.createFile(FaultChildProtocol.resume(controlDir));
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no close, no leave-group; returns once the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      throw new AssertionError("instance " + name + " survived SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
  }
}
