package io.bertstream.ingestor.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.source.DocumentFormatException;
import io.bertstream.ingestor.source.JsonDocumentReader;
import io.bertstream.ingestor.source.Utf8;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@code POST /documents} body into candidates: {@code application/json} (one object or an
 * array of objects), {@code application/x-ndjson} / {@code application/jsonl} (one object a line)
 * or {@code text/plain} (one document). A request is accepted or refused whole, so a client never
 * has to find out which half of its batch went through.
 */
final class RequestParser {

  static final String SOURCE = "http";

  private final DocumentRules rules;
  private final JsonDocumentReader reader;

  RequestParser(DocumentRules rules) {
    this.rules = rules;
    this.reader = new JsonDocumentReader(rules.textField(), rules.idField());
  }

  List<Candidate> parse(String contentType, byte[] body) throws BadRequestException {
    String type = mediaType(contentType);
    Utf8.Decoded decoded = Utf8.decode(body, body.length, rules.invalidUtf8());
    if (!decoded.ok()) {
      throw new BadRequestException(400, decoded.failure());
    }
    List<Candidate> candidates = parse(type, decoded.text());
    if (decoded.charset() == null) {
      return candidates;
    }
    // The whole body was read in the detected charset: every document in it says so.
    List<Candidate> read = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      read.add(
          new Candidate(
              c.text(), c.id(), decoded.attributes(c.attributes()), c.source(), c.location()));
    }
    return read;
  }

  private List<Candidate> parse(String type, String text) throws BadRequestException {
    return switch (type) {
      case "application/json" -> parseJson(text);
      case "application/x-ndjson",
          "application/jsonl",
          "application/json-lines",
          "application/jsonlines" ->
          parseJsonLines(text);
      case "text/plain" -> List.of(new Candidate(text, Optional.empty(), Map.of(), SOURCE, SOURCE));
      default ->
          throw new BadRequestException(
              415,
              "unsupported content type '"
                  + type
                  + "': use application/json, application/x-ndjson or text/plain");
    };
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private List<Candidate> parseJson(String body) throws BadRequestException {
    List<Candidate> candidates = new ArrayList<>();
    try (JsonParser parser = JsonDocumentReader.factory().createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        candidates.add(candidate(reader.readObject(parser), SOURCE));
      } else if (first == JsonToken.START_ARRAY) {
        int item = 0;
        for (JsonToken token = parser.nextToken();
            token != JsonToken.END_ARRAY;
            token = parser.nextToken()) {
          if (token != JsonToken.START_OBJECT) {
            throw new BadRequestException(400, "item " + item + ": not a JSON object");
          }
          try {
            candidates.add(candidate(reader.readObject(parser), SOURCE + ":item " + item));
          } catch (DocumentFormatException e) {
            throw new BadRequestException(400, "item " + item + ": " + e.getMessage());
          }
          item++;
        }
      } else {
        throw new BadRequestException(400, "expected a JSON object or an array of objects");
      }
      if (parser.nextToken() != null) {
        throw new BadRequestException(400, "trailing content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new BadRequestException(400, "malformed JSON: " + e.getOriginalMessage());
    } catch (DocumentFormatException e) {
      throw new BadRequestException(400, e.getMessage());
    } catch (IOException e) {
      throw new BadRequestException(400, "unreadable body: " + e.getMessage());
    }
    return candidates;
  }

  private List<Candidate> parseJsonLines(String body) throws BadRequestException {
    List<Candidate> candidates = new ArrayList<>();
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        candidates.add(candidate(reader.readLine(lines[i]), SOURCE + ":line " + (i + 1)));
      } catch (DocumentFormatException e) {
        throw new BadRequestException(400, "line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return candidates;
  }

  private static Candidate candidate(JsonDocumentReader.Fields fields, String location) {
    return new Candidate(fields.text(), fields.id(), fields.attributes(), SOURCE, location);
  }
}
