package io.bertstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.avro.RawDocument;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.train.TextCorpus;
import io.bertstream.tokenizer.train.VocabTraining;
import io.bertstream.tokenizer.train.VocabTrainingConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The State of the Union corpus the repository ships, and a tokenizer trained on it. */
final class Sotu {

  static final Path CORPUS = locate();

  private Sotu() {}

  private static Path locate() {
    String path = System.getProperty("bertstream.sotu");
    if (path == null || !Files.isRegularFile(Path.of(path))) {
      throw new IllegalStateException(
          "the SOTU corpus is missing: the build passes -Dbertstream.sotu=<repo>/corpora/sotu.jsonl.gz,"
              + " got "
              + path);
    }
    return Path.of(path);
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
    List<String> texts = documents(Integer.MAX_VALUE).stream().map(RawDocument::getText).toList();
    VocabTrainingConfig config =
        new VocabTrainingConfig(vocabSize, 2, false, 1000, dir.resolve("tokenizer.json"));
    return BertTokenizer.load(
        VocabTraining.run(config, List.of(TextCorpus.of(texts))).tokenizerJson());
  }
}
