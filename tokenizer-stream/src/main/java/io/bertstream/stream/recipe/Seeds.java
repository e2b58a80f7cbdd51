package io.bertstream.stream.recipe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * Derives every random stream from (global seed, document id, purpose, index) through SHA-256, so
 * that the same document gives the same choices on any replica, after any restart and under any
 * partition assignment. No random state is shared between documents.
 */
public record Seeds(long globalSeed) {

  /** The generator for one example ({@code instance}) of a document. */
  public Random forInstance(String documentId, long instance) {
    return random(documentId, "instance", instance);
  }

  /** The generator for the reservoir decision about one run of a document's sentences. */
  public Random forReservoir(String documentId, long run) {
    return random(documentId, "reservoir", run);
  }

  /** A fixed hash of the document id in [0, 1): the same on every replica and every run. */
  public double unitHash(String documentId, String purpose) {
    long bits = seedOf(documentId, purpose, 0) >>> 11;
    return bits * 0x1.0p-53;
  }

  Random random(String documentId, String purpose, long index) {
    return new Random(seedOf(documentId, purpose, index));
  }

  private long seedOf(String documentId, String purpose, long index) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(globalSeed).array());
    sha.update(purpose.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(documentId.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(index).array());
    return ByteBuffer.wrap(sha.digest()).getLong();
  }
}
