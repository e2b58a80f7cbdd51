package io.bertstream.schemas.registry;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What may be printed of settings that can hold credentials. Passwords, keys, tokens and the user
 * info of URLs ({@code https://user:password@host}) never reach a log line, an error message or a
 * {@code toString}: they show as {@value #HIDDEN}.
 */
public final class Redaction {

  /** What a secret prints as; the same text Kafka prints for its passwords. */
  public static final String HIDDEN = "[hidden]";

  /** The user info of a URL: after the scheme, up to the first '@' before any '/'. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  /** Parts of client property names whose values are secrets. */
  private static final String[] SECRET_KEY_PARTS = {
    "password", "user.info", "token", "secret", "jaas.config", "keystore.key", "credentials.info"
  };

  private Redaction() {}

  /** {@code text} with the user info of every URL in it replaced: {@code https://[hidden]@host}. */
  public static String withoutUserInfo(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll(HIDDEN + "@");
  }

  /**
   * Whether a client property (Kafka's or the registry client's) holds a secret: {@code
   * ssl.keystore.password}, {@code basic.auth.user.info}, {@code bearer.auth.token}, {@code
   * sasl.jaas.config}, {@code ssl.keystore.key}, ...
   */
  public static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String part : SECRET_KEY_PARTS) {
      if (lower.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** A sorted copy of {@code properties} fit for printing: secrets hidden, URLs without users. */
  public static Map<String, String> redacted(Map<String, ?> properties) {
    Map<String, String> copy = new TreeMap<>();
    properties.forEach(
        (key, value) ->
            copy.put(
                key, isSecret(key) ? HIDDEN : withoutUserInfo(value == null ? null : "" + value)));
    return copy;
  }
}
