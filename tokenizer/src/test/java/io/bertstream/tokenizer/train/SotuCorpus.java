package io.bertstream.tokenizer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** A training split and held-out texts. */
  record Split(Path train, List<String> heldOut) {}

  /** Every {@code every}-th document (by line, from the first) is held out; the rest is written. */
  static Split split(Path sotu, Path trainFile, int every) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<String> heldOut = new ArrayList<>();
    try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(sotu)), StandardCharsets.UTF_8));
        Writer train = Files.newBufferedWriter(trainFile, StandardCharsets.UTF_8)) {
      String line;
      int index = 0;
      while ((line = reader.readLine()) != null) {
        if (index++ % every == 0) {
          JsonNode doc = mapper.readTree(line);
          heldOut.add(doc.get("text").asText());
        } else {
          train.write(line);
          train.write('\n');
        }
      }
    }
    return new Split(trainFile, heldOut);
  }
}
