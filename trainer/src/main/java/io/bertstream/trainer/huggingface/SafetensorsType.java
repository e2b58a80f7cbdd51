package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Element types of the safetensors format, with their size in bytes and the DJL type the reader
 * gives them. Half-precision floats (F16, BF16) are widened to float32 on read: the model trains in
 * float32, the widening is exact, and DJL's PyTorch engine cannot hold bfloat16 arrays safely.
 * Types without a DJL counterpart here can sit in a file (its header still parses) but not be read.
 */
public enum SafetensorsType {
  BOOL(1, DataType.BOOLEAN),
  U8(1, DataType.UINT8),
  I8(1, DataType.INT8),
  F8_E5M2(1, null),
  F8_E4M3(1, null),
  I16(2, null),
  U16(2, null),
  F16(2, DataType.FLOAT32),
  BF16(2, DataType.FLOAT32),
  I32(4, DataType.INT32),
  U32(4, null),
  F32(4, DataType.FLOAT32),
  F64(8, DataType.FLOAT64),
  I64(8, DataType.INT64),
  U64(8, null);

  private final int bytes;
  private final DataType readAs;

  SafetensorsType(int bytes, DataType readAs) {
    this.bytes = bytes;
    this.readAs = readAs;
  }

  /** Bytes per element in the file. */
  public int bytes() {
    return bytes;
  }

  /** True when the reader can turn this type into a DJL array. */
  public boolean readable() {
    return readAs != null;
  }

  /**
   * The DJL type of the array the reader returns.
   *
   * @throws UnsupportedOperationException for a type the reader cannot read
   */
  public DataType readAs() {
    if (readAs == null) {
      throw new UnsupportedOperationException("safetensors type " + this + " cannot be read");
    }
    return readAs;
  }

  /** Bytes per element once read (4 for a widened half-precision float). */
  public int bytesRead() {
    return readAs().getNumOfBytes();
  }

  /**
   * The type named in a header ({@code "F32"}, {@code "BF16"}, …).
   *
   * @throws IllegalArgumentException for a name the format does not define
   */
  public static SafetensorsType parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown safetensors dtype '" + name + "'", e);
    }
  }

  /**
   * The type the writer stores a DJL array of type {@code type} as.
   *
   * @throws IllegalArgumentException for a DJL type with no safetensors counterpart here
   */
  public static SafetensorsType of(DataType type) {
    return switch (type) {
      case FLOAT32 -> F32;
      case FLOAT64 -> F64;
      case FLOAT16 -> F16;
      case BFLOAT16 -> BF16;
      case INT64 -> I64;
      case INT32 -> I32;
      case INT8 -> I8;
      case UINT8 -> U8;
      case BOOLEAN -> BOOL;
      default -> throw new IllegalArgumentException("cannot store " + type + " as safetensors");
    };
  }
}
