package io.bertstream.ingestor.source;

import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.ItemSink;
import io.bertstream.ingestor.Rejection;
import io.bertstream.ingestor.TextSplit;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** Plain text: one document per input, or one per line, or one per blank-line paragraph. */
public final class TextSource implements DocumentSource {

  private final TextSplit split;
  private final DocumentRules rules;

  public TextSource(TextSplit split, DocumentRules rules) {
    this.split = split;
    this.rules = rules;
  }

  @Override
  public void read(InputStream content, String source, ItemSink sink) throws IOException {
    switch (split) {
      case NONE -> readWhole(content, source, sink);
      case LINES -> readLines(content, source, sink);
      case BLANK_LINES -> readParagraphs(content, source, sink);
    }
  }

  private void readWhole(InputStream content, String source, ItemSink sink) throws IOException {
    // Never more than max + 1 bytes in memory: the rest of an oversized input is not read at all.
    byte[] bytes = content.readNBytes(rules.maxDocBytes() + 1);
    if (bytes.length > rules.maxDocBytes()) {
      sink.reject(tooLarge(source, bytes, bytes.length));
      return;
    }
    emit(bytes, bytes.length, source, source, Map.of(), sink);
  }

  private void readLines(InputStream content, String source, ItemSink sink) throws IOException {
    ByteLineReader reader = new ByteLineReader(content, rules.maxDocBytes());
    for (ByteLineReader.Line line = reader.next(); line != null; line = reader.next()) {
      String location = source + ":" + line.number();
      if (line.truncated()) {
        sink.reject(tooLarge(location, line.bytes(), line.kept()));
      } else {
        emit(
            line.bytes(),
            withoutCarriageReturn(line),
            source,
            location,
            Map.of("line", Long.toString(line.number())),
            sink);
      }
    }
  }

  private void readParagraphs(InputStream content, String source, ItemSink sink)
      throws IOException {
    ByteLineReader reader = new ByteLineReader(content, rules.maxDocBytes());
    ByteArrayOutputStream paragraph = new ByteArrayOutputStream();
    long start = 0;
    boolean oversized = false;
    for (ByteLineReader.Line line = reader.next(); ; line = reader.next()) {
      boolean blank = line == null || isBlank(line);
      if (blank) {
        if (start > 0) {
          String location = source + ":" + start;
          byte[] bytes = paragraph.toByteArray();
          if (oversized) {
            sink.reject(tooLarge(location, bytes, bytes.length));
          } else {
            emit(bytes, bytes.length, source, location, Map.of("line", Long.toString(start)), sink);
          }
        }
        paragraph.reset();
        start = 0;
        oversized = false;
        if (line == null) {
          return;
        }
        continue;
      }
      if (start == 0) {
        start = line.number();
      }
      if (oversized) {
        continue;
      }
      if (line.truncated() || paragraph.size() + line.kept() + 1L > rules.maxDocBytes()) {
        // Keep only what the DLQ record will show; drop the rest of the paragraph.
        oversized = true;
        int room = Math.max(0, rules.dlqPayloadLimit() - paragraph.size());
        paragraph.write(line.bytes(), 0, Math.min(room, line.kept()));
        continue;
      }
      if (paragraph.size() > 0) {
        paragraph.write('\n');
      }
      paragraph.write(line.bytes(), 0, withoutCarriageReturn(line));
    }
  }

  /** CRLF files: the line's length without its {@code \r}, as if it ended in {@code \n}. */
  private static int withoutCarriageReturn(ByteLineReader.Line line) {
    int kept = line.kept();
    return kept > 0 && !line.truncated() && line.bytes()[kept - 1] == '\r' ? kept - 1 : kept;
  }

  private static boolean isBlank(ByteLineReader.Line line) {
    byte[] bytes = line.bytes();
    for (int i = 0; i < line.kept(); i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return !line.truncated();
  }

  private void emit(
      byte[] bytes,
      int length,
      String source,
      String location,
      Map<String, String> attributes,
      ItemSink sink) {
    Utf8.Decoded decoded = Utf8.decode(bytes, length, rules.invalidUtf8());
    if (!decoded.ok()) {
      sink.reject(
          Rejection.at(
              location,
              Payloads.prefix(bytes, length, rules.dlqPayloadLimit()),
              DeadLetterReason.INVALID_UTF8,
              decoded.failure()));
      return;
    }
    if (decoded.replaced()) {
      sink.replacedInvalidUtf8(location);
    }
    if (decoded.charset() != null) {
      sink.detectedCharset(location, decoded.charset());
    }
    sink.document(
        new Candidate(
            decoded.text(), Optional.empty(), decoded.attributes(attributes), source, location));
  }

  private Rejection tooLarge(String location, byte[] bytes, int length) {
    return Rejection.at(
        location,
        Payloads.prefix(bytes, length, rules.dlqPayloadLimit()),
        DeadLetterReason.TOO_LARGE,
        "larger than max-doc-bytes " + rules.maxDocBytes());
  }
}
