package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinarySnifferTest {

  @Test
  void shouldCallContentWithANulByteBinary() {
    byte[] head = {'a', 'b', 0, 'c'};
    assertThat(BinarySniffer.whyBinary(head, head.length)).hasValue("NUL byte at offset 2");
  }

  @Test
  void shouldCallContentWithManyControlBytesBinary() {
    byte[] head = {1, 2, 3, 'a', 'b', 'c', 'd', 'e', 'f', 'g'};
    assertThat(BinarySniffer.whyBinary(head, head.length)).isPresent();
  }

  @Test
  void shouldCallMultiByteUtf8AndLatin1Text() {
    byte[] utf8 = "Grüße, 東京\r\n\tok\f".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(BinarySniffer.whyBinary(utf8, utf8.length)).isEmpty();
    assertThat(BinarySniffer.whyBinary(latin1, latin1.length)).isEmpty();
  }
}
