package io.bertstream.stream;

import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.deadletter.DeadLetter;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.deadletter.DeadLetterStage;
import io.bertstream.runtime.topic.DecodingFailures;
import io.bertstream.stream.recipe.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a document, splits it into sentences and tokenizes them. Documents that cannot be used
 * (undecodable, no text, tokenizer failure, fewer than two tokens) go to the DLQ child with the
 * reason; the rest go on as {@link TokenizedDocument}s. A schema registry that cannot serve the
 * writer's schema is not a bad document: that failure propagates, and the document waits.
 */
public final class TokenizeProcessor implements Processor<String, byte[], String, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(TokenizeProcessor.class);

  /** How much of a document a DLQ record keeps: enough to see what went wrong. */
  static final int MAX_DEAD_LETTER_PAYLOAD_BYTES = 256 * 1024;

  private final String docsTopic;
  private final Deserializer<RawDocument> deserializer;
  private final WordPieces wordPieces;
  private final StreamMetrics metrics;
  private final String examplesChild;
  private final String deadLetterChild;
  private final SentenceSplitter splitter = new SentenceSplitter();
  private ProcessorContext<String, Object> context;

  public TokenizeProcessor(
      String docsTopic,
      Deserializer<RawDocument> deserializer,
      WordPieces wordPieces,
      StreamMetrics metrics,
      String examplesChild,
      String deadLetterChild) {
    this.docsTopic = docsTopic;
    this.deserializer = deserializer;
    this.wordPieces = wordPieces;
    this.metrics = metrics;
    this.examplesChild = examplesChild;
    this.deadLetterChild = deadLetterChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    byte[] payload = record.value();
    if (payload == null || payload.length == 0) {
      deadLetter(record, keyOf(record), DeadLetterReason.EMPTY_RECORD, "no value");
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
      deadLetter(record, keyOf(record), DeadLetterReason.UNDECODABLE, e.toString());
      return;
    }
    String docId = document.getId();
    String text = document.getText() == null ? "" : document.getText().strip();
    if (text.isEmpty()) {
      deadLetter(record, docId, DeadLetterReason.EMPTY_TEXT, "no text after cleaning");
      return;
    }
    List<int[]> sentences;
    try {
      sentences = nonEmpty(wordPieces.encode(splitter.split(text)));
    } catch (RuntimeException e) {
      deadLetter(record, docId, DeadLetterReason.TOKENIZER_FAILURE, e.toString());
      return;
    }
    long tokens = 0;
    for (int[] sentence : sentences) {
      tokens += sentence.length;
    }
    if (tokens < 2) {
      deadLetter(record, docId, DeadLetterReason.TOO_SHORT, tokens + " token(s)");
      return;
    }
    metrics.document(tokens);
    context.forward(
        record.withKey(docId).withValue((Object) new TokenizedDocument(docId, sentences)),
        examplesChild);
  }

  private static List<int[]> nonEmpty(List<int[]> encoded) {
    List<int[]> sentences = new ArrayList<>(encoded.size());
    for (int[] ids : encoded) {
      if (ids.length > 0) {
        sentences.add(ids);
      }
    }
    return sentences;
  }

  private void deadLetter(
      Record<String, byte[]> record, String key, DeadLetterReason reason, String detail) {
    String source = context.recordMetadata().map(TokenizeProcessor::location).orElse(docsTopic);
    LOG.warn("document {} from {} goes to the DLQ: {} ({})", key, source, reason.code(), detail);
    metrics.deadLetter(reason);
    DeadLetter letter = new DeadLetter(DeadLetterStage.TOKENIZE, reason, detail, source);
    context.forward(
        new Record<String, Object>(
            key,
            DeadLetter.truncate(record.value(), MAX_DEAD_LETTER_PAYLOAD_BYTES),
            record.timestamp(),
            letter.headers()),
        deadLetterChild);
  }

  private static String location(RecordMetadata metadata) {
    return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
  }

  /** The DLQ key of a record that never decoded: its own key, or a marker when it had none. */
  private static String keyOf(Record<String, byte[]> record) {
    return record.key() == null ? "(no key)" : record.key();
  }
}
