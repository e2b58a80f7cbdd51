package io.bertstream.stream;

import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets each document through once. The partition's {@value #STORE} store (persistent and
 * changelogged, so it survives restarts, rebalances and replica changes; consistent because the
 * docs topic is keyed by document id) remembers every document id with a hash of its text and its
 * version. A repeat (same id, same text) stops here, counted; an id that returns with different
 * text is a new version and goes on as version n + 1. Repeats are logged as one line per {@link
 * #REPORT_INTERVAL} (a re-fed corpus repeats every document), not one per record.
 */
public final class RememberProcessor
    implements Processor<String, DecodedDocument, String, DocumentVersion> {

  private static final Logger LOG = LoggerFactory.getLogger(RememberProcessor.class);

  public static final String STORE = "seen-documents";

  /** How often repeats skipped since the last report are logged. */
  static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

  private final StreamMetrics metrics;
  private final String nextChild;
  private ProcessorContext<String, DocumentVersion> context;
  private KeyValueStore<String, SeenDocument> seen;
  private Cancellable report;
  private long repeatsSinceReport;
  private String firstRepeat;

  public RememberProcessor(StreamMetrics metrics, String nextChild) {
    this.metrics = metrics;
    this.nextChild = nextChild;
  }

  @Override
  public void init(ProcessorContext<String, DocumentVersion> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
    this.report =
        context.schedule(REPORT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> reportRepeats());
  }

  @Override
  public void process(Record<String, DecodedDocument> record) {
    DecodedDocument document = record.value();
    byte[] hash = SeenDocument.hash(document.text());
    SeenDocument known = seen.get(document.id());
    if (known != null && known.sameContent(hash)) {
      metrics.duplicate();
      if (repeatsSinceReport++ == 0) {
        firstRepeat =
            document.id() + context.recordMetadata().map(RememberProcessor::location).orElse("");
      }
      return;
    }
    int version = known == null ? 1 : known.version() + 1;
    seen.put(document.id(), new SeenDocument(hash, version));
    if (version > 1) {
      metrics.newVersion();
    }
    context.forward(
        record.withKey(document.id()).withValue(new DocumentVersion(document, version)), nextChild);
  }

  private void reportRepeats() {
    if (repeatsSinceReport > 0) {
      LOG.info(
          "skipped {} document(s) already turned into examples (first: {})",
          repeatsSinceReport,
          firstRepeat);
      repeatsSinceReport = 0;
      firstRepeat = null;
    }
  }

  private static String location(RecordMetadata metadata) {
    return " at " + metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
  }

  @Override
  public void close() {
    report.cancel();
    reportRepeats();
  }
}
