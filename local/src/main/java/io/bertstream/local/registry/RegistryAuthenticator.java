package io.bertstream.local.registry;

import io.bertstream.schemas.registry.SchemaRegistryException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through only with credentials the registry knows: {@code Authorization: Basic}
 * with a known user and its password, or {@code Bearer} with the token. Anything else is HTTP 401
 * in the registry's error shape, saying whether credentials were missing or refused but never
 * echoing them. Comparisons take the same time however much of a secret matches.
 */
final class RegistryAuthenticator implements Handler {

  static final int UNAUTHORIZED = 401;
  private static final Logger LOG = LoggerFactory.getLogger(RegistryAuthenticator.class);

  private final Map<String, Password> users;
  private final Password bearerToken;

  RegistryAuthenticator(RegistrySecurity security) {
    this.users = security.users();
    this.bearerToken = security.bearerToken();
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      refuse(ctx, "no credentials");
    } else if (!accepts(header.trim())) {
      refuse(ctx, "credentials not accepted");
    }
  }

  private boolean accepts(String header) {
    int space = header.indexOf(' ');
    if (space < 0) {
      return false;
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String value = header.substring(space + 1).trim();
    if (scheme.equals("bearer")) {
      return bearerToken != null && same(value, bearerToken.value());
    }
    if (scheme.equals("basic")) {
      String userInfo;
      try {
        userInfo = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = userInfo.indexOf(':');
      Password password = colon < 0 ? null : users.get(userInfo.substring(0, colon));
      return password != null && same(userInfo.substring(colon + 1), password.value());
    }
    return false;
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private void refuse(Context ctx, String why) {
    LOG.info("Refused {} {}: {}", ctx.method(), ctx.path(), why);
    StringBuilder challenge = new StringBuilder();
    if (!users.isEmpty()) {
      challenge.append("Basic realm=\"schema-registry\"");
    }
    if (bearerToken != null) {
      challenge.append(challenge.length() > 0 ? ", " : "").append("Bearer");
    }
    ctx.header("WWW-Authenticate", challenge.toString());
    throw new SchemaRegistryException(UNAUTHORIZED, UNAUTHORIZED, "Unauthorized: " + why);
  }
}
