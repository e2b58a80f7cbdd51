package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteLineReaderTest {

  private static List<String> read(String input, int max) throws IOException {
    ByteLineReader reader =
        new ByteLineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), max);
    List<String> lines = new ArrayList<>();
    for (ByteLineReader.Line line = reader.next(); line != null; line = reader.next()) {
      lines.add(
          line.number()
              + ":"
              + new String(line.bytes(), 0, line.kept(), StandardCharsets.UTF_8)
              + (line.truncated() ? "…" + line.length() : ""));
    }
    return lines;
  }

  @Test
  void shouldNumberLinesAndKeepALastLineWithoutNewline() throws IOException {
    assertThat(read("a\n\nbc\nd", 100)).containsExactly("1:a", "2:", "3:bc", "4:d");
  }

  @Test
  void shouldNotInventALineAfterAFinalNewline() throws IOException {
    assertThat(read("a\nb\n", 100)).containsExactly("1:a", "2:b");
    assertThat(read("", 100)).isEmpty();
  }

  @Test
  void shouldKeepOnlyThePrefixOfALineOverTheLimitAndCountItsLength() throws IOException {
    assertThat(read("short\n" + "x".repeat(200_000) + "\nnext\n", 10))
        .containsExactly("1:short", "2:xxxxxxxxxx…200000", "3:next");
  }

  @Test
  void shouldFindTheFirstNewlineLikeAPlainScanWhereverItIsInTheWord() {
    Random random = new Random(11);
    byte[] near = {'\n', 0x0b, 0x09, (byte) 0x8a, (byte) 0x8b, 0x00, (byte) 0xff, 'a'};
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(50)];
      for (int i = 0; i < bytes.length; i++) {
        // Mostly text, newlines rare, and the bytes one bit away from a newline.
        bytes[i] = random.nextInt(8) == 0 ? near[random.nextInt(near.length)] : (byte) 'x';
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int to = from + random.nextInt(bytes.length - from + 1);
      int expected = from;
      while (expected < to && bytes[expected] != '\n') {
        expected++;
      }
      assertThat(ByteLineReader.indexOfNewline(bytes, from, to)).isEqualTo(expected);
    }
  }
}
