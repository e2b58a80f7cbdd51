package io.bertstream.tokenizer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** The State of the Union corpus the repository ships, split into train and held-out. */
final class SotuCorpus {

  private SotuCorpus() {}

  /** The corpus the build names with {@code -Dbertstream.sotu} (the repository's copy). */
  static Optional<Path> locate() {
    return Optional.ofNullable(System.getProperty("bertstream.sotu"))
        .map(Path::of)
        .filter(Files::isRegularFile);
  }

  /** Training and held-out texts. */
  record Split(List<String> train, List<String> heldOut) {}

  /** Every address, streamed from the file each time it is read. */
  static TextCorpus corpus(Path sotu) {
    return (sink, detail) -> {
      forEachText(sotu, sink);
      return 0;
    };
  }

  /** Every {@code every}-th address (by line, from the first) is held out; the rest trains. */
  static Split split(Path sotu, int every) throws IOException {
    List<String> train = new ArrayList<>();
    List<String> heldOut = new ArrayList<>();
    int[] index = {0};
    forEachText(sotu, text -> (index[0]++ % every == 0 ? heldOut : train).add(text));
    return new Split(train, heldOut);
  }

  private static void forEachText(Path sotu, Consumer<String> sink) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(sotu)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        sink.accept(mapper.readTree(line).get("text").asText());
      }
    }
  }
}
