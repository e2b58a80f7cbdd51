package io.bertstream.ingestor.source;

import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.InputFormat;
import io.bertstream.ingestor.ItemSink;
import io.bertstream.ingestor.Rejection;
import io.bertstream.ingestor.TextSplit;
import io.bertstream.ingestor.publish.TextNormalizer;
import io.bertstream.runtime.Progress;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The texts of corpus files and directories, read exactly as {@code bertstream ingest} reads them —
 * the same walk, gzip and format detection ({@code .json} is JSON Lines), text field, UTF-8 checks
 * and text normalization — so that training a vocabulary on a file and on the topic that file was
 * ingested into count the same words. Two differences, neither of which changes a word count: text
 * files are read line by line (document boundaries do not matter to a vocabulary, and no text file
 * is then too large), and what ingest would dead-letter is skipped, counted and logged once per
 * reason. Progress is reported over the bytes of the files, as stored.
 */
public final class CorpusTexts {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusTexts.class);

  private final List<Path> inputs;
  private final IngestConfig config;

  /**
   * @param inputs files or directories; each must exist
   * @param format how files hold text, as {@code ingest --format}
   * @param include glob over the files in directories, as {@code ingest --include}
   * @param rules text field, UTF-8 policy and size limit, as for {@code ingest}
   */
  public CorpusTexts(
      List<Path> inputs, InputFormat format, Optional<String> include, DocumentRules rules) {
    this.inputs = List.copyOf(inputs);
    IngestConfig ingest =
        IngestConfig.of(this.inputs.stream().map(Path::toString).toList())
            .withFormat(format)
            .withSplit(TextSplit.LINES)
            .withRules(rules);
    this.config = include.map(ingest::withInclude).orElse(ingest);
  }

  /** {@code inputs} read with ingest's defaults: format by name, every file, field {@code text}. */
  public static CorpusTexts of(List<Path> inputs) {
    return new CorpusTexts(inputs, InputFormat.AUTO, Optional.empty(), DocumentRules.defaults());
  }

  /**
   * Hands every text to {@code sink}, inputs in the order given.
   *
   * @param detail adds to the progress lines
   * @return inputs skipped: lines, paragraphs or files ingest would have dead-lettered
   * @throws NoSuchFileException when an input does not exist (checked before anything is read)
   */
  public long read(Consumer<String> sink, Supplier<String> detail) throws IOException {
    for (Path input : inputs) {
      if (!Files.exists(input) && !Files.isSymbolicLink(input)) {
        throw new NoSuchFileException(input.toString(), null, "no such file or directory");
      }
    }
    long total = InputSizes.totalBytes(config.inputs(), config.include());
    AtomicLong bytesRead = new AtomicLong();
    Map<DeadLetterReason, Long> skipped = new EnumMap<>(DeadLetterReason.class);
    try (Progress progress =
        Progress.start("reading corpus", Progress.Unit.BYTES, config.progressInterval())) {
      ItemSink texts =
          new ItemSink() {
            @Override
            public void document(Candidate candidate) {
              sink.accept(TextNormalizer.normalize(candidate.text()));
              progress.update(bytesRead.get(), total, detail);
            }

            @Override
            public void reject(Rejection rejection) {
              if (skipped.merge(rejection.reason(), 1L, Long::sum) == 1) {
                LOG.warn(
                    "skipping {} ({}: {}); further '{}' are counted, not logged",
                    rejection.location(),
                    rejection.reason().code(),
                    rejection.detail(),
                    rejection.reason().code());
              }
            }
          };
      InputReader reader = new InputReader(config, texts, bytesRead, new AtomicLong());
      for (Path input : inputs) {
        reader.readPath(input);
      }
      progress.update(bytesRead.get(), total, detail);
    }
    if (!skipped.isEmpty()) {
      LOG.info(
          "skipped {}",
          skipped.entrySet().stream()
              .map(e -> e.getKey().code() + "=" + e.getValue())
              .collect(Collectors.joining(", ")));
    }
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }
}
