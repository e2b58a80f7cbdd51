package io.bertstream.ingestor.http.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Wraps the two older private-key encodings OpenSSL and cert-manager still write (PKCS#1 RSA and
 * SEC1 EC) into PKCS#8, the one the JDK's {@code KeyFactory} reads. Only the few DER elements these
 * structures need are read or written here.
 */
final class Pkcs8 {

  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int OCTET_STRING = 0x04;
  private static final int OID = 0x06;
  private static final int NULL = 0x05;
  private static final int CONTEXT_0 = 0xA0;

  /** 1.2.840.113549.1.1.1 rsaEncryption. */
  private static final byte[] RSA_ENCRYPTION = {
    0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01
  };

  /** 1.2.840.10045.2.1 id-ecPublicKey. */
  private static final byte[] EC_PUBLIC_KEY = {
    0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01
  };

  private Pkcs8() {}

  /** PKCS#1 {@code RSAPrivateKey} → PKCS#8 {@code PrivateKeyInfo}. */
  static byte[] fromPkcs1Rsa(byte[] pkcs1) {
    byte[] algorithm = tlv(SEQUENCE, concat(tlv(OID, RSA_ENCRYPTION), tlv(NULL, new byte[0])));
    return privateKeyInfo(algorithm, pkcs1);
  }

  /**
   * SEC1 {@code ECPrivateKey} → PKCS#8 {@code PrivateKeyInfo}; the curve comes from the key's own
   * {@code parameters [0]}, which OpenSSL and cert-manager always write.
   */
  static byte[] fromSec1Ec(byte[] sec1) {
    byte[] curve = namedCurve(sec1);
    byte[] algorithm = tlv(SEQUENCE, concat(tlv(OID, EC_PUBLIC_KEY), tlv(OID, curve)));
    return privateKeyInfo(algorithm, sec1);
  }

  private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
    byte[] version = tlv(INTEGER, new byte[] {0});
    return tlv(SEQUENCE, concat(version, algorithm, tlv(OCTET_STRING, key)));
  }

  /** The OID inside {@code parameters [0]} of an ECPrivateKey. */
  private static byte[] namedCurve(byte[] sec1) {
    Reader outer = new Reader(sec1, 0, sec1.length);
    Reader fields = outer.enter(SEQUENCE);
    fields.skip(INTEGER);
    fields.skip(OCTET_STRING);
    if (!fields.hasMore() || fields.peekTag() != CONTEXT_0) {
      throw new IllegalArgumentException("the EC key does not name its curve");
    }
    return fields.enter(CONTEXT_0).read(OID);
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Reads DER elements from {@code der[position, end)}. */
  private static final class Reader {
    private final byte[] der;
    private final int end;
    private int position;

    Reader(byte[] der, int position, int end) {
      this.der = der;
      this.position = position;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    int peekTag() {
      return der[position] & 0xFF;
    }

    /** The contents of the next element, which must have {@code tag}, as a reader. */
    Reader enter(int tag) {
      int[] bounds = next(tag);
      return new Reader(der, bounds[0], bounds[1]);
    }

    byte[] read(int tag) {
      int[] bounds = next(tag);
      return Arrays.copyOfRange(der, bounds[0], bounds[1]);
    }

    void skip(int tag) {
      next(tag);
    }

    /** Moves past the next element; returns where its contents start and end. */
    private int[] next(int tag) {
      if (position + 2 > end || (der[position] & 0xFF) != tag) {
        throw new IllegalArgumentException("not the DER structure of a private key");
      }
      position++;
      int length = der[position++] & 0xFF;
      if (length >= 0x80) {
        int bytes = length & 0x7F;
        if (bytes == 0 || bytes > 3 || position + bytes > end) {
          throw new IllegalArgumentException("not the DER structure of a private key");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[position++] & 0xFF);
        }
      }
      if (position + length > end) {
        throw new IllegalArgumentException("not the DER structure of a private key");
      }
      int start = position;
      position += length;
      return new int[] {start, position};
    }
  }
}
