package io.bertstream.schemas.registry;

import static io.bertstream.schemas.registry.SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE;
import static io.bertstream.schemas.registry.SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO;
import static io.bertstream.schemas.registry.SchemaRegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE;
import static io.bertstream.schemas.registry.SchemaRegistryClientConfig.BEARER_AUTH_TOKEN;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How the client proves who it is over HTTP: not at all, HTTP basic auth, or a static bearer token.
 * At most one: a request carries one {@code Authorization} header. The secrets are {@link
 * Password}s, so these records print {@code [hidden]} in their place.
 */
public sealed interface RegistryAuth {

  RegistryAuth NONE = new None();

  /** The value of the {@code Authorization} header, or empty for none. */
  Optional<String> header();

  /** What is sent, for messages: "no credentials", "basic auth", "a bearer token". */
  String description();

  /** No credentials. */
  record None() implements RegistryAuth {
    @Override
    public Optional<String> header() {
      return Optional.empty();
    }

    @Override
    public String description() {
      return "no credentials";
    }
  }

  /** HTTP basic auth with {@code user:password}. */
  record Basic(Password userInfo) implements RegistryAuth {
    public Basic {
      Objects.requireNonNull(userInfo, "userInfo");
    }

    @Override
    public Optional<String> header() {
      byte[] bytes = userInfo.value().getBytes(StandardCharsets.UTF_8);
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(bytes));
    }

    @Override
    public String description() {
      return "basic auth";
    }
  }

  /** A static bearer token (an OAuth access token or an API key the registry accepts as one). */
  record Bearer(Password token) implements RegistryAuth {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public Optional<String> header() {
      return Optional.of("Bearer " + token.value());
    }

    @Override
    public String description() {
      return "a bearer token";
    }
  }

  /**
   * Reads Confluent's keys: {@code basic.auth.credentials.source} ({@code USER_INFO} or {@code
   * URL}) with {@code basic.auth.user.info}, and {@code bearer.auth.credentials.source} ({@code
   * STATIC_TOKEN}) with {@code bearer.auth.token}; each also with a {@code schema.registry.}
   * prefix. A user info or token given without its source is used as if the source were set.
   *
   * @param urlUserInfo the {@code user:password} of the registry URL, or null
   * @throws ConfigException naming the keys, never their values, when the settings are incomplete
   *     or contradict each other
   */
  static RegistryAuth from(Map<String, ?> properties, String urlUserInfo) {
    Optional<RegistryAuth> basic = basic(properties, urlUserInfo);
    Optional<RegistryAuth> bearer = bearer(properties);
    if (basic.isPresent() && bearer.isPresent()) {
      throw new ConfigException(
          "both basic auth ("
              + BASIC_AUTH_USER_INFO
              + " or user:password@ in the URL) and a bearer token ("
              + BEARER_AUTH_TOKEN
              + ") are set for the schema registry: a request carries one, so keep one");
    }
    return basic.or(() -> bearer).orElse(NONE);
  }

  private static Optional<RegistryAuth> basic(Map<String, ?> properties, String urlUserInfo) {
    String source = ConfigValues.firstOf(properties, BASIC_AUTH_CREDENTIALS_SOURCE);
    String userInfo = ConfigValues.firstOf(properties, BASIC_AUTH_USER_INFO);
    if (source == null) {
      if (userInfo != null) {
        return Optional.of(new Basic(userInfoOf(userInfo)));
      }
      return Optional.ofNullable(urlUserInfo).map(info -> new Basic(new Password(info)));
    }
    switch (source.trim().toUpperCase(Locale.ROOT)) {
      case "USER_INFO" -> {
        if (userInfo == null) {
          throw new ConfigException(
              BASIC_AUTH_CREDENTIALS_SOURCE
                  + "=USER_INFO needs "
                  + BASIC_AUTH_USER_INFO
                  + "=user:password, which is not set");
        }
        return Optional.of(new Basic(userInfoOf(userInfo)));
      }
      case "URL" -> {
        if (urlUserInfo == null) {
          throw new ConfigException(
              BASIC_AUTH_CREDENTIALS_SOURCE
                  + "=URL needs the credentials in the registry URL (https://user:password@host),"
                  + " and it has none");
        }
        return Optional.of(new Basic(new Password(urlUserInfo)));
      }
      default ->
          throw new ConfigException(
              BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported sources: USER_INFO, URL");
    }
  }

  private static Password userInfoOf(String userInfo) {
    if (!userInfo.contains(":")) {
      throw new ConfigException(
          BASIC_AUTH_USER_INFO, Redaction.HIDDEN, "must be user:password (it has no ':')");
    }
    return new Password(userInfo);
  }

  private static Optional<RegistryAuth> bearer(Map<String, ?> properties) {
    String source = ConfigValues.firstOf(properties, BEARER_AUTH_CREDENTIALS_SOURCE);
    String token = ConfigValues.firstOf(properties, BEARER_AUTH_TOKEN);
    if (source != null && !"STATIC_TOKEN".equals(source.trim().toUpperCase(Locale.ROOT))) {
      throw new ConfigException(
          BEARER_AUTH_CREDENTIALS_SOURCE, source, "the supported source is STATIC_TOKEN");
    }
    if (source != null && token == null) {
      throw new ConfigException(
          BEARER_AUTH_CREDENTIALS_SOURCE
              + "=STATIC_TOKEN needs "
              + BEARER_AUTH_TOKEN
              + ", which is not set");
    }
    return Optional.ofNullable(token).map(value -> new Bearer(new Password(value)));
  }
}
