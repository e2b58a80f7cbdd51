package io.bertstream.ingestor.source;

import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.DlqReason;
import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.ItemSink;
import io.bertstream.ingestor.Rejection;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON Lines: one object per line, each decoded and parsed on its own so that one bad line is
 * dead-lettered with its {@code file:line} and the rest go on. Blank lines are ignored.
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
                DlqReason.TOO_LARGE,
                "line of " + line.length() + " bytes, max-doc-bytes " + rules.maxDocBytes()));
        continue;
      }
      Utf8.Decoded decoded = Utf8.decode(payload, length, rules.invalidUtf8());
      if (!decoded.ok()) {
        sink.reject(
            Rejection.at(
                location,
                Payloads.prefix(payload, length, rules.dlqPayloadLimit()),
                DlqReason.INVALID_UTF8,
                "invalid UTF-8 at byte offset " + decoded.invalidOffset()));
        continue;
      }
      if (decoded.text().isBlank()) {
        continue;
      }
      if (decoded.replaced()) {
        sink.replacedInvalidUtf8(location);
      }
      try {
        JsonDocumentReader.Fields fields = reader.readLine(decoded.text());
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
}
