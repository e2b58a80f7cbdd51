package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetensorsHeaderTest {

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldLayTensorsBackToBackAndPadTheHeaderToEightBytes() {
    SafetensorsHeader header =
        SafetensorsHeader.layout(
            Map.of("format", "pt"),
            List.of(
                new TensorSpec("a", SafetensorsType.F32, new Shape(3)),
                new TensorSpec("b", SafetensorsType.I64, new Shape(2, 2)),
                new TensorSpec("c", SafetensorsType.BF16, new Shape())));
    assertThat(header.tensors().get("a").begin()).isZero();
    assertThat(header.tensors().get("a").end()).isEqualTo(12);
    assertThat(header.tensors().get("b").begin()).isEqualTo(12);
    assertThat(header.tensors().get("b").end()).isEqualTo(44);
    assertThat(header.tensors().get("c").end()).isEqualTo(46);
    assertThat(header.dataLength()).isEqualTo(46);
    assertThat(header.headerLength() % 8).isZero();
    assertThat(header.dataStart() % 8).isZero();

    byte[] encoded = header.encode();
    ByteBuffer prefix = ByteBuffer.wrap(encoded, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(prefix.getLong()).isEqualTo(header.headerLength());
    assertThat(encoded).hasSize((int) header.dataStart());
    String text = new String(encoded, 8, encoded.length - 8, StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith(
            "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},");
    assertThat(text.strip()).endsWith("}");

    SafetensorsHeader parsed =
        SafetensorsHeader.parse(Arrays.copyOfRange(encoded, 8, encoded.length), 46);
    assertThat(parsed).isEqualTo(header);
  }

  @Test
  void shouldComputeOffsetsPastTwoGibibytesInLongs() {
    // 1.5 G floats = 6 GiB: an int offset would overflow twice over.
    SafetensorsHeader header =
        SafetensorsHeader.layout(
            Map.of(),
            List.of(
                new TensorSpec("huge", SafetensorsType.F32, new Shape(3, 1L << 29)),
                new TensorSpec("tail", SafetensorsType.F16, new Shape(4))));
    TensorEntry tail = header.tensors().get("tail");
    assertThat(tail.begin()).isEqualTo(6L << 30);
    assertThat(tail.end()).isEqualTo((6L << 30) + 8);
    assertThat(header.metadata()).isEmpty();
    byte[] encoded = header.encode();
    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .contains("\"data_offsets\":[6442450944,6442450952]")
        .doesNotContain("__metadata__");
    SafetensorsHeader parsed =
        SafetensorsHeader.parse(Arrays.copyOfRange(encoded, 8, encoded.length), (6L << 30) + 8);
    assertThat(parsed.tensors().get("tail")).isEqualTo(tail);
  }

  @Test
  void shouldRefuseOffsetsThatLeaveAGapOrOverlap() {
    String gap =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
    assertThatThrownBy(() -> SafetensorsHeader.parse(json(gap), 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tensor b starts at byte 8, expected 4");
    String overlap =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    assertThatThrownBy(() -> SafetensorsHeader.parse(json(overlap), 8))
        .hasMessageContaining("starts at byte 4");
  }

  @Test
  void shouldRefuseATruncatedOrPaddedDataSection() {
    String one = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    assertThatThrownBy(() -> SafetensorsHeader.parse(json(one), 7))
        .hasMessageContaining("tensors cover 8 bytes of data, but the file holds 7");
    assertThatThrownBy(() -> SafetensorsHeader.parse(json(one), 9))
        .hasMessageContaining("but the file holds 9");
  }

  @Test
  void shouldRefuseAnExtentThatDoesNotMatchTheShape() {
    String wrong = "{\"a\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,8]}}";
    assertThatThrownBy(() -> SafetensorsHeader.parse(json(wrong), 8))
        .hasMessageContaining("spans 8 bytes, but F16 (2, 3) needs 12");
  }

  @Test
  void shouldRefuseUnknownTypesDuplicateNamesAndNonObjects() {
    assertThatThrownBy(
            () ->
                SafetensorsHeader.parse(
                    json("{\"a\":{\"dtype\":\"Q7\",\"shape\":[],\"data_offsets\":[0,1]}}"), 1))
        .hasMessageContaining("unknown safetensors dtype 'Q7'");
    String twice =
        "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
            + "\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}";
    assertThatThrownBy(() -> SafetensorsHeader.parse(json(twice), 2))
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> SafetensorsHeader.parse(json("[1,2]"), 0))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(
            () ->
                SafetensorsHeader.parse(
                    json("{\"a\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,1]}}"), 1))
        .hasMessageContaining("bad number -1");
    assertThatThrownBy(
            () -> SafetensorsHeader.parse(json("{\"a\":{\"dtype\":\"U8\",\"shape\":[1]}}"), 1))
        .hasMessageContaining("needs dtype, shape and two data_offsets");
  }

  @Test
  void shouldReadMetadataAndAllowTrailingSpaces() {
    String text =
        "{\"__metadata__\":{\"format\":\"pt\",\"step\":\"7\"},"
            + "\"x\":{\"dtype\":\"BOOL\",\"shape\":[0],\"data_offsets\":[0,0]}}    ";
    SafetensorsHeader header = SafetensorsHeader.parse(json(text), 0);
    assertThat(header.metadata())
        .containsExactly(Map.entry("format", "pt"), Map.entry("step", "7"));
    assertThat(header.tensors().get("x").elementCount()).isZero();
    assertThat(header.headerLength()).isEqualTo(text.length());
  }

  @Test
  void shouldRefuseATensorNamedTwiceWhenLayingOut() {
    TensorSpec a = new TensorSpec("a", SafetensorsType.F32, new Shape(1));
    assertThatThrownBy(() -> SafetensorsHeader.layout(Map.of(), List.of(a, a)))
        .hasMessageContaining("tensor a appears twice");
  }
}
