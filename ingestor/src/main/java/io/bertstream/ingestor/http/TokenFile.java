package io.bertstream.ingestor.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The file that holds {@code ingest serve}'s bearer token: read at start ({@code
 * --auth-token-file}), or created once with a random token ({@code ingest token --out}) by a
 * deployment that has none yet. The token itself is never printed.
 */
public final class TokenFile {

  /** 256 random bits: as hard to guess as the key of a TLS session. */
  private static final int TOKEN_BYTES = 32;

  private TokenFile() {}

  /** The token in {@code file}, without surrounding whitespace (editors add a newline). */
  public static String read(Path file) {
    return readSecret(file, "token file");
  }

  /**
   * A secret kept in a file of its own (a token, a keystore password), stripped; {@code what} names
   * the file in errors, which never show its contents.
   */
  public static String readSecret(Path file, String what) {
    String secret;
    try {
      secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + " " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(what + " " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " " + file + ": " + e, e);
    }
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(what + " " + file + " is empty");
    }
    return secret;
  }

  /**
   * Writes a new random token to {@code file}, readable by its owner only, unless it already holds
   * one: a restarted deployment keeps the token its clients have. Returns whether it wrote one.
   */
  public static boolean createIfAbsent(Path file, SecureRandom random) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) > 0) {
      return false;
    }
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temp = Files.createTempFile(directory, ".token", ".tmp");
    try {
      if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temp, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.UTF_8);
      // Whole or not at all: a reader never sees half a token.
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
    return true;
  }
}
