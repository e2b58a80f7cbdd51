package io.bertstream.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the stream remembers of a document it has turned into examples: a hash of its text and its
 * version. The hash is the first {@value #HASH_BYTES} bytes of SHA-256: only two versions of the
 * same id are ever compared, so 128 bits leave no practical chance of mistaking a change for a
 * repeat, and an entry stays small (21 bytes with the version, in {@link SeenDocumentSerde}).
 *
 * @param contentHash {@value #HASH_BYTES} bytes
 * @param version 1, 2, ... (see {@link DocumentVersion})
 */
public record SeenDocument(byte[] contentHash, int version) {

  public static final int HASH_BYTES = 16;

  public SeenDocument {
    Objects.requireNonNull(contentHash, "contentHash");
    if (contentHash.length != HASH_BYTES) {
      throw new IllegalArgumentException(
          "a content hash has " + HASH_BYTES + " bytes, not " + contentHash.length);
    }
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
  }

  /** The hash of {@code text} (as the stream uses it: stripped, UTF-8). */
  public static byte[] hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Whether {@code hash} is this document's text again. */
  public boolean sameContent(byte[] hash) {
    return Arrays.equals(contentHash, hash);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeenDocument seen
        && version == seen.version
        && Arrays.equals(contentHash, seen.contentHash);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(contentHash) + version;
  }

  @Override
  public String toString() {
    return "SeenDocument[v" + version + ", " + HexFormat.of().formatHex(contentHash) + "]";
  }
}
