package io.bertstream.trainer.checkpoint;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The file operations a directory published by rename needs (checkpoints, exports): a new file
 * written and synced to disk, a directory's entries synced, and a temporary directory removed.
 */
public final class DurableFiles {

  private DurableFiles() {}

  /**
   * Creates {@code file} (it must not exist), writes it through {@code content} and syncs it.
   *
   * @return its size in bytes
   */
  public static long write(Path file, CheckpointStore.FileContent content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      // Writers that close their stream (Jackson does) must not close the channel before force.
      content.writeTo(
          new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
              out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
              out.flush();
            }
          });
      out.flush();
      channel.force(true);
      return channel.size();
    }
  }

  /** Syncs a directory's entries, so that files created or renamed in it survive a crash. */
  public static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Removes {@code directory} and everything in it; nothing when it does not exist. */
  public static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
