package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDocumentReaderTest {

  private final JsonDocumentReader reader = new JsonDocumentReader("text", "id");

  @Test
  void shouldTurnOtherScalarFieldsIntoAttributesAndIgnoreNestedOnes() throws Exception {
    JsonDocumentReader.Fields fields =
        reader.readLine(
            "{\"id\":\"d1\",\"title\":\"T\",\"year\":1790,\"ok\":true,\"n\":null,"
                + "\"tags\":[1,2],\"meta\":{\"a\":1},\"text\":\"hello\"}");
    assertThat(fields.text()).isEqualTo("hello");
    assertThat(fields.id()).hasValue("d1");
    assertThat(fields.attributes()).isEqualTo(Map.of("title", "T", "year", "1790", "ok", "true"));
  }

  @Test
  void shouldAcceptANumericIdAndIgnoreABlankOne() throws Exception {
    assertThat(reader.readLine("{\"id\":42,\"text\":\"x\"}").id()).hasValue("42");
    assertThat(reader.readLine("{\"id\":\" \",\"text\":\"x\"}").id()).isEmpty();
  }

  @Test
  void shouldReadConfiguredFieldNames() throws Exception {
    JsonDocumentReader custom = new JsonDocumentReader("body", "uuid");
    JsonDocumentReader.Fields fields = custom.readLine("{\"uuid\":\"u\",\"body\":\"b\"}");
    assertThat(fields.text()).isEqualTo("b");
    assertThat(fields.id()).hasValue("u");
  }

  @Test
  void shouldRejectMissingTextAsMissingText() {
    assertThatThrownBy(() -> reader.readLine("{\"id\":\"x\"}"))
        .isInstanceOfSatisfying(
            DocumentFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_TEXT));
  }

  @Test
  void shouldRejectBrokenJsonNonObjectsNonStringTextAndTrailingContent() {
    for (String line :
        new String[] {
          "{\"text\": \"unterminated", "[1,2]", "{\"text\": 5}", "{\"text\":\"a\"} {}", "nope"
        }) {
      assertThatThrownBy(() -> reader.readLine(line))
          .as(line)
          .isInstanceOfSatisfying(
              DocumentFormatException.class,
              e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON));
    }
  }
}
