package io.bertstream.stream;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.stream.recipe.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Splits a new document (version) into sentences and tokenizes them. Documents that cannot be used
 * (no text, tokenizer failure, fewer than two tokens) go to the DLQ child with the reason and their
 * original bytes; the rest go on as {@link TokenizedDocument}s.
 */
public final class TokenizeProcessor implements Processor<String, DocumentVersion, String, Object> {

  private final WordPieces wordPieces;
  private final StreamMetrics metrics;
  private final DeadLetters deadLetters;
  private final String examplesChild;
  private final SentenceSplitter splitter = new SentenceSplitter();
  private ProcessorContext<String, Object> context;

  public TokenizeProcessor(
      String docsTopic,
      WordPieces wordPieces,
      StreamMetrics metrics,
      String examplesChild,
      String deadLetterChild) {
    this.wordPieces = wordPieces;
    this.metrics = metrics;
    this.deadLetters = new DeadLetters(docsTopic, metrics, deadLetterChild);
    this.examplesChild = examplesChild;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, DocumentVersion> record) {
    DocumentVersion version = record.value();
    DecodedDocument document = version.document();
    String docId = document.id();
    if (document.text().isEmpty()) {
      deadLetter(record, DeadLetterReason.EMPTY_TEXT, "no text after cleaning");
      return;
    }
    List<int[]> sentences;
    try {
      sentences = nonEmpty(wordPieces.encode(splitter.split(document.text())));
    } catch (RuntimeException e) {
      deadLetter(record, DeadLetterReason.TOKENIZER_FAILURE, e.toString());
      return;
    }
    long tokens = 0;
    for (int[] sentence : sentences) {
      tokens += sentence.length;
    }
    if (tokens < 2) {
      deadLetter(record, DeadLetterReason.TOO_SHORT, tokens + " token(s)");
      return;
    }
    metrics.document(tokens);
    context.forward(
        record
            .withKey(docId)
            .withValue((Object) new TokenizedDocument(docId, version.version(), sentences)),
        examplesChild);
  }

  private void deadLetter(
      Record<String, DocumentVersion> record, DeadLetterReason reason, String detail) {
    DecodedDocument document = record.value().document();
    deadLetters.send(context, record, document.id(), document.payload(), reason, detail);
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
}
