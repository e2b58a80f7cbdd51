package io.bertstream.ingestor.source;

import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.ItemSink;
import io.bertstream.ingestor.Rejection;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

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
      // Valid UTF-8 is parsed straight from its bytes; the rest is decoded by the policy first.
      Utf8.Decoded decoded =
          Utf8.firstMalformed(payload, 0, length) < 0
              ? null
              : Utf8.decode(payload, length, rules.invalidUtf8());
      if (decoded != null && !decoded.ok()) {
        sink.reject(
            Rejection.at(
                location,
                Payloads.prefix(payload, length, rules.dlqPayloadLimit()),
                DeadLetterReason.INVALID_UTF8,
                decoded.failure()));
        continue;
      }
      try {
        JsonDocumentReader.Fields fields;
        Map<String, String> attributes;
        if (decoded == null) {
          fields = reader.readLine(payload, 0, length);
          attributes = fields.attributes();
        } else {
          fields = reader.readLine(decoded.text());
          attributes = decoded.attributes(fields.attributes());
          if (decoded.replaced()) {
            sink.replacedInvalidUtf8(location);
          } else {
            sink.detectedCharset(location, decoded.charset());
          }
        }
        sink.document(new Candidate(fields.text(), fields.id(), attributes, source, location));
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
