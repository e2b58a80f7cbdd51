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

/** The State of the Union corpus shared beside the repository, split into train and held-out. */
final class SotuCorpus {

  private static final String RELATIVE = "shared/corpora/sotu.jsonl.gz";

  private SotuCorpus() {}

  /** Looks upward from the working directory for {@code shared/corpora/sotu.jsonl.gz}. */
  static Optional<Path> locate() {
    String property = System.getProperty("bertstream.sotu");
    if (property != null) {
      return Optional.of(Path.of(property));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(RELATIVE))) {
        return Optional.of(dir.resolve(RELATIVE));
      }
    }
    return Optional.empty();
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
