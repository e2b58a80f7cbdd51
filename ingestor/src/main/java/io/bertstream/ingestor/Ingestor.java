package io.bertstream.ingestor;

import io.bertstream.ingestor.publish.DocumentAssembler;
import io.bertstream.ingestor.publish.DocumentPublisher;
import io.bertstream.ingestor.publish.IngestMetrics;
import io.bertstream.ingestor.publish.PublishCounts;
import io.bertstream.ingestor.source.InputReader;
import io.bertstream.ingestor.source.InputSizes;
import io.bertstream.runtime.Progress;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every input of an {@link IngestConfig}, one document at a time, and publishes through a
 * {@link DocumentPublisher}; waits for every acknowledgement before it reports.
 */
public final class Ingestor {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  /** Documents in flight between the reading and the publishing thread. */
  private static final int HAND_OFF_CAPACITY = 16;

  private final IngestConfig config;
  private final DocumentPublisher publisher;
  private final IngestMetrics metrics;
  private final Clock clock;

  public Ingestor(
      IngestConfig config, DocumentPublisher publisher, IngestMetrics metrics, Clock clock) {
    this.config = config;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Ingests all inputs ({@code -} reads {@code stdin}) and returns once Kafka answered for all.
   *
   * @throws RuntimeException the publisher's fatal failure ({@link
   *     DocumentPublisher#fatalFailure()}), as soon as it is seen: no later document could be
   *     published either
   */
  public IngestResult run(InputStream stdin, Progress progress) {
    long start = clock.millis();
    // Over the bytes of the inputs, as stored: a count of documents has no total to show.
    long totalBytes = InputSizes.totalBytes(config.inputs(), config.include());
    AtomicLong bytesRead = new AtomicLong();
    AtomicLong files = new AtomicLong();
    DocumentAssembler assembler =
        new DocumentAssembler(
            config.rules().maxDocBytes(), config.rules().dlqPayloadLimit(), clock);
    PublishingSink publishing = new PublishingSink(assembler, publisher, metrics);
    HandOffSink handOff = new HandOffSink(publishing, HAND_OFF_CAPACITY);
    try {
      ItemSink sink =
          new ItemSink() {
            @Override
            public void document(Candidate candidate) {
              throwIfFatal();
              handOff.document(candidate);
              progress.update(
                  bytesRead.get(),
                  totalBytes,
                  () -> progressDetail(publishing.sent(), files.get(), start));
            }

            @Override
            public void reject(Rejection rejection) {
              handOff.reject(rejection);
            }

            @Override
            public void replacedInvalidUtf8(String location) {
              handOff.replacedInvalidUtf8(location);
            }

            @Override
            public void detectedCharset(String location, String charset) {
              handOff.detectedCharset(location, charset);
            }
          };
      InputReader reader = new InputReader(config, sink, bytesRead, files);
      for (String input : config.inputs()) {
        if (input.equals(IngestConfig.STDIN)) {
          reader.readStream(stdin, "stdin");
        } else {
          reader.readPath(Path.of(input));
        }
      }
    } finally {
      // Also on an unexpected error: what was handed over still gets published and counted.
      handOff.close();
    }
    long handOffFailures = handOff.failed();
    publisher.flush();
    throwIfFatal();
    PublishCounts counts = publisher.counts();
    IngestResult result =
        new IngestResult(
            files.get(),
            bytesRead.get(),
            counts.published(),
            counts.publishedBytes(),
            publishing.skippedEmpty(),
            counts.deadLettered(),
            counts.failed() + handOffFailures,
            Duration.ofMillis(clock.millis() - start));
    LOG.info("{}", result.summary());
    return result;
  }

  private void throwIfFatal() {
    publisher
        .fatalFailure()
        .ifPresent(
            failure -> {
              throw failure;
            });
  }

  /** Documents handed to the producer (acknowledged or not yet), files opened, and their rate. */
  private String progressDetail(long sent, long files, long start) {
    double seconds = Math.max(clock.millis() - start, 1) / 1000.0;
    return String.format(
        Locale.ROOT,
        "%,d docs (%.0f docs/s) from %d file%s",
        sent,
        sent / seconds,
        files,
        files == 1 ? "" : "s");
  }
}
