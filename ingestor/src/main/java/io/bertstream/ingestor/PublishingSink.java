package io.bertstream.ingestor;

import io.bertstream.ingestor.publish.Assembled;
import io.bertstream.ingestor.publish.DocumentAssembler;
import io.bertstream.ingestor.publish.DocumentPublisher;
import io.bertstream.ingestor.publish.IngestMetrics;
import java.util.concurrent.atomic.AtomicLong;

/** Normalizes, identifies and publishes what the sources read; dead-letters what they reject. */
final class PublishingSink implements ItemSink {

  private final DocumentAssembler assembler;
  private final DocumentPublisher publisher;
  private final IngestMetrics metrics;
  private final AtomicLong skippedEmpty = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();

  PublishingSink(DocumentAssembler assembler, DocumentPublisher publisher, IngestMetrics metrics) {
    this.assembler = assembler;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  @Override
  public void document(Candidate candidate) {
    Assembled assembled = assembler.assemble(candidate);
    if (assembled instanceof Assembled.Ready ready) {
      sent.incrementAndGet();
      publisher.publish(ready.document(), ready.textBytes());
    } else if (assembled instanceof Assembled.Rejected rejected) {
      publisher.deadLetter(rejected.rejection());
    } else {
      skippedEmpty.incrementAndGet();
      metrics.skippedEmpty();
    }
  }

  @Override
  public void reject(Rejection rejection) {
    publisher.deadLetter(rejection);
  }

  @Override
  public void replacedInvalidUtf8(String location) {
    metrics.replacedUtf8();
  }

  @Override
  public void detectedCharset(String location, String charset) {
    metrics.detectedCharset(charset);
  }

  long skippedEmpty() {
    return skippedEmpty.get();
  }

  long sent() {
    return sent.get();
  }
}
