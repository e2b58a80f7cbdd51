package io.bertstream.ingestor.source;

import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.InvalidUtf8Policy;
import io.bertstream.ingestor.ItemSink;
import io.bertstream.ingestor.Rejection;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON Lines: one object per line, each checked and parsed on its own so that one bad line is
 * dead-lettered with its {@code file:line} and the rest go on. Blank lines are ignored. Lines are
 * parsed straight from their bytes once they are known to be UTF-8.
 */
public final class JsonLinesSource implements DocumentSource {

  private final DocumentRules rules;
  private final JsonDocumentReader reader;

  public JsonLinesSource(DocumentRules rules) {
    this.rules = rules;
    this.reader = new JsonDocumentReader(rules.textField(), rules.idField());
  }

  @Override
  public void read(InputStream content, String source, ItemSink sink) throws IOException {
    ByteLineReader lines = new ByteLineReader(content, rules.maxDocBytes());
    for (ByteLineReader.Line line = lines.next(); line != null; line = lines.next()) {
      String location = source + ":" + line.number();
      byte[] payload = line.bytes();
      int length = line.kept();
      if (line.truncated()) {
        sink.reject(
            Rejection.at(
                location,
                Payloads.prefix(payload, length, rules.dlqPayloadLimit()),
                DeadLetterReason.TOO_LARGE,
                "line of " + line.length() + " bytes, max-doc-bytes " + rules.maxDocBytes()));
        continue;
      }
      if (isBlank(payload, length)) {
        continue;
      }
      int malformed = Utf8.firstMalformed(payload, 0, length);
      if (malformed >= 0 && rules.invalidUtf8() == InvalidUtf8Policy.REJECT) {
        sink.reject(
            Rejection.at(
                location,
                Payloads.prefix(payload, length, rules.dlqPayloadLimit()),
                DeadLetterReason.INVALID_UTF8,
                "invalid UTF-8 at byte offset " + malformed));
        continue;
      }
      try {
        JsonDocumentReader.Fields fields;
        if (malformed < 0) {
          fields = reader.readLine(payload, 0, length);
        } else {
          sink.replacedInvalidUtf8(location);
          fields = reader.readLine(Utf8.decode(payload, length, rules.invalidUtf8()).text());
        }
        sink.document(
            new Candidate(fields.text(), fields.id(), fields.attributes(), source, location));
      } catch (DocumentFormatException e) {
        sink.reject(
            Rejection.at(
                location,
                Payloads.prefix(payload, length, rules.dlqPayloadLimit()),
                e.reason(),
                e.getMessage()));
      }
    }
  }

  /** Only JSON's insignificant whitespace (a line of other spaces is malformed, and says so). */
  private static boolean isBlank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
