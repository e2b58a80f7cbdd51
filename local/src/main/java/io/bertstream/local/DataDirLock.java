package io.bertstream.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory for as long as a local stack runs in it, so a second stack
 * on the same directory fails at once with a clear message instead of deep in the broker.
 */
final class DataDirLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir, String lockFile) {
    Path file = dataDir.resolve(lockFile);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUse(dataDir, null);
      }
      return new DataDirLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      // Held by this very JVM: another stack in the same process.
      closeQuietly(channel, e);
      throw inUse(dataDir, e);
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new LocalStackException("cannot lock the data dir " + dataDir, e);
    } catch (LocalStackException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  private static LocalStackException inUse(Path dataDir, Throwable cause) {
    return new LocalStackException(
        "data dir "
            + dataDir
            + " is in use by another running local stack; stop it or pick another --data-dir",
        cause);
  }

  private static void closeQuietly(FileChannel channel, Exception primary) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
