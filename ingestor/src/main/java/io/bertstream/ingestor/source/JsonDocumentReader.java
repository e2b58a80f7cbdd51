package io.bertstream.ingestor.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one JSON object into text, id and attributes with Jackson's streaming parser: the text
 * field must be a string; the id field may be a string or a number; other scalar fields become
 * attributes (nested objects and arrays are ignored, nulls dropped).
 */
public final class JsonDocumentReader {

  /** What a JSON object holds. */
  public record Fields(String text, Optional<String> id, Map<String, String> attributes) {}

  /**
   * Jackson's default cap on a string's length (20 M chars) would refuse documents that {@code
   * --max-doc-bytes} allows; the line and request limits already bound what reaches the parser.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private final String textField;
  private final String idField;

  public JsonDocumentReader(String textField, String idField) {
    this.textField = textField;
    this.idField = idField;
  }

  public static JsonFactory factory() {
    return FACTORY;
  }

  /** Parses a whole JSON line, which must hold exactly one object. */
  public Fields readLine(String line) throws DocumentFormatException {
    try (JsonParser parser = FACTORY.createParser(line)) {
      return readWhole(parser);
    } catch (IOException e) {
      throw new DocumentFormatException(DeadLetterReason.MALFORMED_JSON, e.getMessage());
    }
  }

  /**
   * Parses a whole JSON line from its UTF-8 bytes, which must be well-formed ({@link
   * Utf8#firstMalformed}): no decoded copy of the line is made.
   */
  public Fields readLine(byte[] utf8, int offset, int length) throws DocumentFormatException {
    try (JsonParser parser = FACTORY.createParser(utf8, offset, length)) {
      return readWhole(parser);
    } catch (IOException e) {
      throw new DocumentFormatException(DeadLetterReason.MALFORMED_JSON, e.getMessage());
    }
  }

  private Fields readWhole(JsonParser parser) throws DocumentFormatException, IOException {
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new DocumentFormatException(DeadLetterReason.MALFORMED_JSON, "not a JSON object");
      }
      Fields fields = readObject(parser);
      if (parser.nextToken() != null) {
        throw new DocumentFormatException(
            DeadLetterReason.MALFORMED_JSON, "trailing content after the JSON object");
      }
      return fields;
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  /** Reads the object whose START_OBJECT is the parser's current token, up to its END_OBJECT. */
  public Fields readObject(JsonParser parser) throws DocumentFormatException, IOException {
    String text = null;
    String id = null;
    Map<String, String> attributes = new LinkedHashMap<>();
    try {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals(textField)) {
          if (value != JsonToken.VALUE_STRING) {
            throw new DocumentFormatException(
                DeadLetterReason.MALFORMED_JSON, "field '" + textField + "' is not a string");
          }
          text = parser.getText();
        } else if (name.equals(idField) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          id = parser.getText();
        } else if (value.isStructStart()) {
          parser.skipChildren();
        } else if (value != JsonToken.VALUE_NULL) {
          attributes.put(name, parser.getText());
        }
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
    if (text == null) {
      throw new DocumentFormatException(
          DeadLetterReason.MISSING_TEXT, "no '" + textField + "' field");
    }
    return new Fields(text, Optional.ofNullable(id).filter(s -> !s.isBlank()), attributes);
  }

  private static DocumentFormatException malformed(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
    return new DocumentFormatException(
        DeadLetterReason.MALFORMED_JSON, e.getOriginalMessage() + where);
  }
}
