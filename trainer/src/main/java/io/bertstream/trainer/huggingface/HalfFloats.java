package io.bertstream.trainer.huggingface;

/**
 * Exact widening of 16-bit floats to float32 (Java 17 has no {@code Float.float16ToFloat}). Every
 * half and bfloat16 value, subnormals, infinities and NaN included, is a float32 value.
 */
final class HalfFloats {

  private HalfFloats() {}

  /** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
  static float fromHalf(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // zero or subnormal: mantissa * 2^-24, exact in float32
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
  }

  /** bfloat16 is the upper half of a float32. */
  static float fromBfloat16(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
