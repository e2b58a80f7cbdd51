package io.bertstream.ingestor.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time (no timing oracle on the token).
 */
final class BearerAuth {

  private static final String PREFIX = "Bearer ";

  private final Optional<byte[]> expected;

  BearerAuth(Optional<String> token) {
    this.expected = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  boolean allows(String authorizationHeader) {
    if (expected.isEmpty()) {
      return true;
    }
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, 7)) {
      return false;
    }
    byte[] given =
        authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected.get(), given);
  }
}
