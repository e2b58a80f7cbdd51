package io.bertstream.stream;

import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.topic.DecodingFailures;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes a document record into a {@link DecodedDocument} keyed by its id. An empty record or
 * bytes that are not a {@code RawDocument} go to the DLQ child with the reason. A schema registry
 * that cannot serve the writer's schema is not a bad document: that failure propagates (see {@link
 * StreamFailureHandler}) and the document waits.
 */
public final class DecodeProcessor implements Processor<String, byte[], String, Object> {

  private final String docsTopic;
  private final Deserializer<RawDocument> deserializer;
  private final DeadLetters deadLetters;
  private final String nextChild;
  private ProcessorContext<String, Object> context;

  public DecodeProcessor(
      String docsTopic,
      Deserializer<RawDocument> deserializer,
      StreamMetrics metrics,
      String nextChild,
      String deadLetterChild) {
    this.docsTopic = docsTopic;
    this.deserializer = deserializer;
    this.deadLetters = new DeadLetters(docsTopic, metrics, deadLetterChild);
    this.nextChild = nextChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    byte[] payload = record.value();
    if (payload == null || payload.length == 0) {
      deadLetters.send(
          context, record, keyOf(record), payload, DeadLetterReason.EMPTY_RECORD, "no value");
      return;
    }
    RawDocument document;
    try {
      document = deserializer.deserialize(docsTopic, record.headers(), payload);
    } catch (RuntimeException e) {
      if (DecodingFailures.registryFailure(e).isPresent()) {
        // The registry's fault, not the document's: fail this batch uncommitted and wait for it.
        throw e;
      }
      deadLetters.send(
          context, record, keyOf(record), payload, DeadLetterReason.UNDECODABLE, e.toString());
      return;
    }
    String text = document.getText() == null ? "" : document.getText().strip();
    context.forward(
        record
            .withKey(document.getId())
            .withValue((Object) new DecodedDocument(document.getId(), text, payload)),
        nextChild);
  }

  /** The DLQ key of a record that never decoded: its own key, or a marker when it had none. */
  private static String keyOf(Record<String, byte[]> record) {
    return record.key() == null ? "(no key)" : record.key();
  }
}
