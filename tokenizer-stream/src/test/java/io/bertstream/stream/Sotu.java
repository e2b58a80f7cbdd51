package io.bertstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.avro.RawDocument;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.train.CorpusFormat;
import io.bertstream.tokenizer.train.VocabTraining;
import io.bertstream.tokenizer.train.VocabTrainingConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The State of the Union corpus in shared/, and a tokenizer trained on it. */
final class Sotu {

  static final Path CORPUS = locate();

  private Sotu() {}

  private static Path locate() {
    String fromProperty = System.getProperty("bertstream.sotu");
    if (fromProperty != null) {
      return Path.of(fromProperty);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/corpora/sotu.jsonl.gz");
      if (candidate.toFile().isFile()) {
        return candidate;
      }
      Path sibling = dir.resolveSibling("shared").resolve("corpora/sotu.jsonl.gz");
      if (sibling.toFile().isFile()) {
        return sibling;
      }
    }
    return Path.of("/work/shared/corpora/sotu.jsonl.gz");
  }

  /** The first {@code limit} addresses as documents (id from the corpus, ingested at t=0). */
  static List<RawDocument> documents(int limit) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<RawDocument> documents = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(java.nio.file.Files.newInputStream(CORPUS)),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && documents.size() < limit) {
        JsonNode node = json.readTree(line);
        documents.add(
            RawDocument.newBuilder()
                .setId(node.get("id").asText())
                .setText(node.get("text").asText())
                .setSource(CORPUS.toString())
                .setAttributes(Map.of("year", node.get("year").asText()))
                .setIngestedAt(Instant.EPOCH)
                .build());
      }
    }
    return documents;
  }

  /** A small uncased WordPiece tokenizer trained on the whole corpus with the vocab trainer. */
  static BertTokenizer trainTokenizer(Path dir, int vocabSize) throws IOException {
    VocabTrainingConfig config =
        new VocabTrainingConfig(
            List.of(CORPUS),
            CorpusFormat.JSONL,
            "text",
            vocabSize,
            2,
            false,
            1000,
            dir.resolve("tokenizer.json"));
    return BertTokenizer.load(VocabTraining.run(config).tokenizerJson());
  }
}
