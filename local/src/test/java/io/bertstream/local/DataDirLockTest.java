package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  private static final String LOCK = "test.lock";

  /** A separate JVM that holds the lock until its stdin closes. */
  private static final String HOLDER =
      """
      import java.nio.channels.FileChannel;
      import java.nio.file.*;
      public class Holder {
        public static void main(String[] args) throws Exception {
          try (FileChannel ch = FileChannel.open(Path.of(args[0]),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.lock();
            System.out.println("locked");
            System.out.flush();
            System.in.read();
          }
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void shouldRefuseTheLockWhileThisProcessHoldsIt() throws Exception {
    try (DataDirLock held = DataDirLock.acquire(dir, LOCK)) {
      assertThatThrownBy(() -> DataDirLock.acquire(dir, LOCK))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("data dir " + dir)
          .hasMessageContaining("in use");
    }
    try (DataDirLock again = DataDirLock.acquire(dir, LOCK)) {
      assertThat(dir.resolve(LOCK)).exists();
    }
  }

  @Test
  void shouldRefuseTheLockWhileAnotherProcessHoldsIt() throws Exception {
    Path source = Files.writeString(dir.resolve("Holder.java"), HOLDER);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder =
        new ProcessBuilder(java.toString(), source.toString(), dir.resolve(LOCK).toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("locked");

      assertThatThrownBy(() -> DataDirLock.acquire(dir, LOCK))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("data dir " + dir)
          .hasMessageContaining("in use");
    } finally {
      holder.getOutputStream().close();
      if (!holder.waitFor(30, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    try (DataDirLock free = DataDirLock.acquire(dir, LOCK)) {
      assertThat(dir.resolve(LOCK)).exists();
    }
  }

  @Test
  void shouldReleaseOnCloseEvenWhenClosedTwice() throws Exception {
    DataDirLock lock = DataDirLock.acquire(dir, LOCK);
    lock.close();
    lock.close();
    try (DataDirLock again = DataDirLock.acquire(dir, LOCK)) {
      assertThat(dir.resolve(LOCK)).exists();
    }
  }
}
