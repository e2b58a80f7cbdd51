package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.InvalidUtf8Policy;
import io.bertstream.ingestor.RecordingSink;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLinesSourceTest {

  private final RecordingSink sink = new RecordingSink();

  private static DocumentRules rules(InvalidUtf8Policy policy, int maxDocBytes) {
    return new DocumentRules(
        "text", "id", maxDocBytes, policy, DocumentRules.DEFAULT_DLQ_PAYLOAD_LIMIT);
  }

  private void read(DocumentRules rules, byte[] content) throws IOException {
    new JsonLinesSource(rules).read(new ByteArrayInputStream(content), "f.jsonl", sink);
  }

  /** {@code {"text":"caf<E9> 1"}} with a Latin-1 é, between two good lines. */
  private static byte[] withALatin1Line() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("{\"text\":\"first\"}\n".getBytes(StandardCharsets.UTF_8));
    out.write("{\"text\":\"caf\u00e9 1\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    out.write("{\"text\":\"third\"}\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void shouldDeadLetterALineThatIsNotUtf8WithItsOffsetAndReadOn() throws IOException {
    read(rules(InvalidUtf8Policy.REJECT, 1024), withALatin1Line());
    assertThat(sink.texts()).containsExactly("first", "third");
    assertThat(sink.reasons()).containsExactly(DeadLetterReason.INVALID_UTF8);
    assertThat(sink.rejections.get(0).location()).isEqualTo("f.jsonl:2");
    assertThat(sink.rejections.get(0).detail()).isEqualTo("invalid UTF-8 at byte offset 12");
    assertThat(sink.replaced).isEmpty();
  }

  @Test
  void shouldPublishTheLineWithReplacementCharactersWhenAskedToReplace() throws IOException {
    read(rules(InvalidUtf8Policy.REPLACE, 1024), withALatin1Line());
    assertThat(sink.texts()).containsExactly("first", "caf\ufffd 1", "third");
    assertThat(sink.replaced).containsExactly("f.jsonl:2");
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void shouldReadAWindows1252LineInItsCharsetAndDeadLetterAnUndecidableOne() throws IOException {
    String mail =
        "{\"id\":\"m1\",\"title\":\"Re: r\u00e9sum\u00e9\",\"text\":\"Thanks for the"
            + " r\u00e9sum\u00e9 \u2014 I\u2019ll review it tomorrow and we\u2019ll talk at the"
            + " caf\u00e9.\"}";
    byte[] noise = new byte[300];
    Random random = new Random(4);
    for (int i = 0; i < noise.length; i++) {
      do {
        noise[i] = (byte) random.nextInt(256);
      } while (noise[i] == '\n' || noise[i] == '\r');
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((mail + "\n").getBytes(Charset.forName("windows-1252")));
    out.write(noise);
    out.write('\n');

    read(rules(InvalidUtf8Policy.DETECT, 1024), out.toByteArray());

    assertThat(sink.documents)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.text())
                  .isEqualTo(
                      "Thanks for the r\u00e9sum\u00e9 \u2014 I\u2019ll review it tomorrow and"
                          + " we\u2019ll talk at the caf\u00e9.");
              assertThat(d.attributes())
                  .containsEntry("title", "Re: r\u00e9sum\u00e9")
                  .containsEntry("charset", "windows-1252");
            });
    assertThat(sink.detected).containsExactly("f.jsonl:1 windows-1252");
    assertThat(sink.reasons()).containsExactly(DeadLetterReason.INVALID_UTF8);
    assertThat(sink.rejections.get(0).location()).isEqualTo("f.jsonl:2");
    assertThat(sink.rejections.get(0).detail()).contains("no confident charset");
  }

  @Test
  void shouldSkipBlankAndCarriageReturnLinesButNotLinesOfOtherSpaces() throws IOException {
    String content = "{\"text\":\"a\"}\r\n  \t\r\n\n\u3000\n{\"text\":\"\u00e9t\u00e9\"}\r\n";
    read(rules(InvalidUtf8Policy.REJECT, 1024), content.getBytes(StandardCharsets.UTF_8));
    assertThat(sink.texts()).containsExactly("a", "\u00e9t\u00e9");
    assertThat(sink.reasons()).containsExactly(DeadLetterReason.MALFORMED_JSON);
    assertThat(sink.rejections.get(0).location()).isEqualTo("f.jsonl:4");
  }

  @Test
  void shouldReadATextLongerThanJacksonsDefaultLimitWhenMaxDocBytesAllowsIt() throws IOException {
    String text = "word ".repeat(4_200_000); // 21 M chars; Jackson stops at 20 M by default
    byte[] line = ("{\"text\":\"" + text + "\"}\n").getBytes(StandardCharsets.UTF_8);
    read(rules(InvalidUtf8Policy.REJECT, 32 * 1024 * 1024), line);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.documents).singleElement().satisfies(d -> assertThat(d.text()).isEqualTo(text));
  }
}
