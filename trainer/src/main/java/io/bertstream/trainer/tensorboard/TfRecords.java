package io.bertstream.trainer.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of event files: per record the data's length as a little-endian
 * uint64, the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data (both
 * CRCs little-endian uint32). Masking rotates the CRC and adds a constant, so that a CRC of data
 * holding CRCs stays unlikely to look valid.
 */
final class TfRecords {

  private static final int MASK_DELTA = 0xa282ead8;
  private static final int LENGTH_BYTES = Long.BYTES;

  private TfRecords() {}

  /** Writes {@code data} as one record. */
  static void write(OutputStream out, byte[] data) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(LENGTH_BYTES + Integer.BYTES);
    header.order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(data.length);
    header.putInt(maskedCrc32c(header.array(), 0, LENGTH_BYTES));
    out.write(header.array());
    out.write(data);
    ByteBuffer footer = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    out.write(footer.putInt(maskedCrc32c(data, 0, data.length)).array());
  }

  /** The masked CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
  static int maskedCrc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }
}
