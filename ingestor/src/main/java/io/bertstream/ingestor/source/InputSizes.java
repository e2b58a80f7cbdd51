package io.bertstream.ingestor.source;

import io.bertstream.ingestor.IngestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bytes a read of some inputs will take in, as stored (gzip compressed where it is): what a
 * progress bar over the reading fills up to. The walk is the readers' own, so both see the same
 * files.
 */
public final class InputSizes {

  private InputSizes() {}

  /**
   * The stored size of every file the inputs stand for; -1 when one of them is standard input,
   * whose size nobody knows in advance.
   */
  public static long totalBytes(Iterable<String> inputs, Optional<String> include) {
    long[] total = {0};
    InputWalk walk = new InputWalk(include);
    for (String input : inputs) {
      if (input.equals(IngestConfig.STDIN)) {
        return -1;
      }
      walk.walk(
          Path.of(input),
          new InputWalk.Visitor() {
            @Override
            public void file(Path file, boolean regular, boolean symbolicLink) {
              if (regular) {
                total[0] += sizeOf(file);
              }
            }

            @Override
            public void failed(Path path, IOException e) {
              // Reported by the read, which walks the same entries.
            }
          });
    }
    return total[0];
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      // The read reports the file as unreadable; the bar just ends short of it.
      return 0;
    }
  }
}
