package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.ingestor.InvalidUtf8Policy;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

  private static final byte[] LATIN1 = "caf\u00e9 ok".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void shouldReadLegacyTextInTheDetectedCharsetAndSaySo() {
    byte[] bytes =
        "Le pr\u00e9sident a d\u00e9clar\u00e9 que l'\u00e9conomie fran\u00e7aise \u00e9tait forte."
            .getBytes(StandardCharsets.ISO_8859_1);

    Utf8.Decoded decoded = Utf8.decode(bytes, bytes.length, InvalidUtf8Policy.DETECT);

    assertThat(decoded.text()).isEqualTo(new String(bytes, StandardCharsets.ISO_8859_1));
    assertThat(decoded.charset()).isEqualTo("windows-1252");
    assertThat(decoded.replaced()).isFalse();
    assertThat(decoded.attributes(java.util.Map.of("title", "t")))
        .containsOnly(
            java.util.Map.entry("title", "t"), java.util.Map.entry("charset", "windows-1252"));
  }

  @Test
  void shouldSayWhereUtf8FailedAndWhyNoCharsetFitsWhenDetectionGivesUp() {
    byte[] bytes = new byte[256];
    new Random(3).nextBytes(bytes);
    bytes[0] = (byte) 0xff;

    Utf8.Decoded decoded = Utf8.decode(bytes, bytes.length, InvalidUtf8Policy.DETECT);

    assertThat(decoded.ok()).isFalse();
    assertThat(decoded.failure()).startsWith("invalid UTF-8 at byte offset 0; ");
  }

  @Test
  void shouldReportTheOffsetOfTheFirstMalformedByteWhenRejecting() {
    Utf8.Decoded decoded = Utf8.decode(LATIN1, LATIN1.length, InvalidUtf8Policy.REJECT);
    assertThat(decoded.ok()).isFalse();
    assertThat(decoded.invalidOffset()).isEqualTo(3);
  }

  @Test
  void shouldSubstituteReplacementCharactersWhenReplacing() {
    Utf8.Decoded decoded = Utf8.decode(LATIN1, LATIN1.length, InvalidUtf8Policy.REPLACE);
    assertThat(decoded.text()).isEqualTo("caf\ufffd ok");
    assertThat(decoded.replaced()).isTrue();
  }

  @Test
  void shouldDecodeValidMultiByteText() {
    byte[] bytes = "ünïcödé ✓ 😀".getBytes(StandardCharsets.UTF_8);
    Utf8.Decoded decoded = Utf8.decode(bytes, bytes.length, InvalidUtf8Policy.REJECT);
    assertThat(decoded.text()).isEqualTo("ünïcödé ✓ 😀");
    assertThat(decoded.replaced()).isFalse();
  }

  @Test
  void shouldRejectOverlongFormsSurrogatesAndCodePointsBeyondUnicode() {
    assertThat(Utf8.firstMalformed(bytes(0x61, 0xc0, 0xaf), 0, 3)).isEqualTo(1);
    assertThat(Utf8.firstMalformed(bytes(0xe0, 0x80, 0xaf), 0, 3)).isZero();
    assertThat(Utf8.firstMalformed(bytes(0xed, 0xa0, 0x80), 0, 3)).isZero();
    assertThat(Utf8.firstMalformed(bytes(0xf4, 0x90, 0x80, 0x80), 0, 4)).isZero();
    assertThat(Utf8.firstMalformed(bytes(0xf0, 0x9f, 0x98, 0x80), 0, 4)).isEqualTo(-1);
  }

  @Test
  void shouldFindATruncatedSequenceAtTheEndOfTheRangeOnly() {
    byte[] euro = "ab\u20ac".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.firstMalformed(euro, 0, euro.length)).isEqualTo(-1);
    assertThat(Utf8.firstMalformed(euro, 0, euro.length - 1)).isEqualTo(2);
    assertThat(Utf8.firstMalformed(euro, 1, 1)).isEqualTo(-1);
  }

  /** Random bytes biased towards every class of lead and continuation byte. */
  @Test
  void shouldAgreeWithTheJdksReportingDecoderOnRandomBytes() {
    Random random = new Random(7);
    int[] interesting = {
      0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
      0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff
    };
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(64)];
      int i = 0;
      while (i < bytes.length) {
        // Runs of ASCII (so the eight-at-a-time path is taken) between runs of other bytes.
        boolean ascii = random.nextBoolean();
        for (int run = 1 + random.nextInt(12); run > 0 && i < bytes.length; run--, i++) {
          bytes[i] =
              (byte)
                  (ascii
                      ? 'a' + random.nextInt(26)
                      : interesting[random.nextInt(interesting.length)]);
        }
      }
      assertThat(Utf8.firstMalformed(bytes, 0, bytes.length))
          .as("%s", java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(jdkFirstMalformed(bytes));
    }
  }

  private static int jdkFirstMalformed(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length * 2), true);
    return result.isError() ? in.position() : -1;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
