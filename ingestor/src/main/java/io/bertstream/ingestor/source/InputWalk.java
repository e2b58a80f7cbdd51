package io.bertstream.ingestor.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Which files a path argument stands for: a file is itself (whatever its name); a directory is
 * walked recursively, following links, skipping hidden files and directories, keeping the files
 * whose name or path relative to the directory matches the {@code --include} glob. One walk for
 * everything that reads inputs, so ingesting and sizing a corpus see the same files.
 */
final class InputWalk {

  /** Hears every entry of a walk, in the walk's order. */
  interface Visitor {
    /** An entry to read; a non-regular one (FIFO, socket, dangling link) must not be opened. */
    void file(Path file, boolean regular, boolean symbolicLink);

    /** An entry or directory that could not be visited. */
    void failed(Path path, IOException e);
  }

  private final Optional<PathMatcher> include;

  InputWalk(Optional<String> includeGlob) {
    this.include = includeGlob.map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g));
  }

  void walk(Path path, Visitor visitor) {
    if (!Files.isDirectory(path)) {
      visitor.file(path, Files.isRegularFile(path), Files.isSymbolicLink(path));
      return;
    }
    try {
      Files.walkFileTree(
          path,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(path) && isHidden(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!isHidden(file) && included(path, file)) {
                visitor.file(file, attrs.isRegularFile(), attrs.isSymbolicLink());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              visitor.failed(file, e);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      visitor.failed(path, e);
    }
  }

  private static boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private boolean included(Path root, Path file) {
    return include.isEmpty()
        || include.get().matches(file.getFileName())
        || include.get().matches(root.relativize(file));
  }
}
