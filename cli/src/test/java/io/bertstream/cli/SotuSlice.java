package io.bertstream.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The first addresses of the SOTU corpus (the build names it in {@code bertstream.sotu}). */
final class SotuSlice {

  private SotuSlice() {}

  /** Writes the first {@code documents} JSON lines of the corpus to {@code target}. */
  static Path write(Path target, int documents) throws IOException {
    Path sotu = Path.of(System.getProperty("bertstream.sotu"));
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(sotu)), StandardCharsets.UTF_8))) {
      Files.write(target, reader.lines().limit(documents).toList(), StandardCharsets.UTF_8);
    }
    return target;
  }
}
