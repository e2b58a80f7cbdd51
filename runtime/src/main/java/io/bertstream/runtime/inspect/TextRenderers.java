package io.bertstream.runtime.inspect;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/** The built-in text renderings: documents with a text preview, examples by their numbers. */
public final class TextRenderers {

  private static final int PREVIEW_CHARS = 240;

  private TextRenderers() {}

  public static RecordRenderer defaults() {
    return TextRenderers::render;
  }

  static String render(String key, SpecificRecord value) {
    if (value instanceof RawDocument doc) {
      String text = doc.getText();
      String preview =
          (text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "…" : text)
              .replace('\n', '⏎');
      return String.format(
          Locale.ROOT,
          "%s  %s  %d chars  %s%n  %s",
          doc.getId(),
          doc.getSource(),
          text.length(),
          new TreeMap<>(doc.getAttributes()),
          preview);
    }
    if (value instanceof PretrainingExample example) {
      return String.format(
          Locale.ROOT,
          "%s  doc %s  b from %s  %d tokens  B at %d  %d masked  random-next %s  tokenizer %s",
          example.getId(),
          example.getDocId(),
          example.getBDocId(),
          example.getInputIds().size(),
          example.getSegmentBStart(),
          example.getMaskedPositions().size(),
          example.getIsRandomNext(),
          example.getTokenizerId());
    }
    return key + "  " + value;
  }
}
