package io.bertstream.ingestor.source;

import io.bertstream.ingestor.InvalidUtf8Policy;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that says where the first malformed byte is. */
public final class Utf8 {

  private Utf8() {}

  /** The outcome of decoding: the text, or the offset of the first malformed byte. */
  public record Decoded(String text, boolean replaced, long invalidOffset) {
    public boolean ok() {
      return text != null;
    }
  }

  /** Decodes {@code bytes[0..length)}; under REPLACE malformed sequences become U+FFFD. */
  public static Decoded decode(byte[] bytes, int length, InvalidUtf8Policy policy) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (!result.isError()) {
      out.flip();
      return new Decoded(out.toString(), false, -1);
    }
    if (policy == InvalidUtf8Policy.REPLACE) {
      return new Decoded(new String(bytes, 0, length, StandardCharsets.UTF_8), true, -1);
    }
    return new Decoded(null, false, in.position());
  }
}
