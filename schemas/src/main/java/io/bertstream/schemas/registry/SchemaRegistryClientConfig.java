package io.bertstream.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach the schema registry, read from the usual client property keys (see {@link #from}).
 *
 * @param urls one or more base URLs; requests fail over from one to the next
 * @param userInfo {@code user:password} for HTTP basic auth, or null for none
 * @param trustStoreLocation a trust store for TLS to the registry, or null for the JVM default
 * @param trustStorePassword its password, or null
 * @param trustStoreType its type (default {@code PKCS12})
 * @param requestTimeout how long one HTTP request may take (connect + response)
 * @param maxRetries how many times a request is retried after a connection error or a 5xx
 * @param retryBackoff the wait before the first retry; it doubles with each further one
 */
public record SchemaRegistryClientConfig(
    List<URI> urls,
    String userInfo,
    String trustStoreLocation,
    String trustStorePassword,
    String trustStoreType,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String MAX_RETRIES = "schema.registry.max.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

  /** Confluent clients also accept the basic-auth keys with this prefix. */
  private static final String PREFIX = "schema.registry.";

  public SchemaRegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new ConfigException(URL, "", "at least one schema registry URL is required");
    }
    Objects.requireNonNull(trustStoreType, "trustStoreType");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    if (maxRetries < 0) {
      throw new ConfigException(MAX_RETRIES, maxRetries, "must not be negative");
    }
  }

  /** A config for one URL with no auth, no custom trust store and the default timeouts. */
  public static SchemaRegistryClientConfig of(String url) {
    return from(Map.of(URL, url));
  }

  /**
   * Reads {@value #URL} (comma-separated list allowed), {@value #BASIC_AUTH_CREDENTIALS_SOURCE}
   * ({@code USER_INFO} or {@code URL}), {@value #BASIC_AUTH_USER_INFO}, {@value
   * #TRUSTSTORE_LOCATION}, {@value #TRUSTSTORE_PASSWORD}, {@value #TRUSTSTORE_TYPE}, {@value
   * #REQUEST_TIMEOUT_MS} (default 30000), {@value #MAX_RETRIES} (default 3) and {@value
   * #RETRY_BACKOFF_MS} (default 100). Other keys are ignored, so a whole Kafka client config can be
   * passed in.
   */
  public static SchemaRegistryClientConfig from(Map<String, ?> properties) {
    String urlList = string(properties, URL);
    if (urlList == null || urlList.isBlank()) {
      throw new ConfigException(URL, urlList, "a schema registry URL is required");
    }
    List<URI> urls = new ArrayList<>();
    String urlUserInfo = null;
    for (String part : urlList.split(",")) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      URI uri = parseUrl(trimmed);
      if (uri.getUserInfo() != null) {
        urlUserInfo = uri.getUserInfo();
      }
      urls.add(withoutUserInfo(uri));
    }
    String source = firstOf(properties, BASIC_AUTH_CREDENTIALS_SOURCE);
    String userInfo = firstOf(properties, BASIC_AUTH_USER_INFO);
    if (source != null && !source.isBlank()) {
      switch (source.trim().toUpperCase(Locale.ROOT)) {
        case "USER_INFO" -> {
          if (userInfo == null || !userInfo.contains(":")) {
            throw new ConfigException(
                BASIC_AUTH_USER_INFO,
                "[hidden]",
                "must be user:password when the source is USER_INFO");
          }
        }
        case "URL" -> userInfo = urlUserInfo;
        default ->
            throw new ConfigException(
                BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported sources: USER_INFO, URL");
      }
    } else if (userInfo == null) {
      userInfo = urlUserInfo;
    }
    String trustStoreType = string(properties, TRUSTSTORE_TYPE);
    return new SchemaRegistryClientConfig(
        urls,
        userInfo,
        string(properties, TRUSTSTORE_LOCATION),
        string(properties, TRUSTSTORE_PASSWORD),
        trustStoreType == null ? "PKCS12" : trustStoreType,
        Duration.ofMillis(longValue(properties, REQUEST_TIMEOUT_MS, 30_000)),
        (int) longValue(properties, MAX_RETRIES, 3),
        Duration.ofMillis(longValue(properties, RETRY_BACKOFF_MS, 100)));
  }

  @Override
  public String toString() {
    return "SchemaRegistryClientConfig[urls="
        + urls
        + ", basicAuth="
        + (userInfo != null)
        + ", trustStore="
        + trustStoreLocation
        + ", requestTimeout="
        + requestTimeout
        + ", maxRetries="
        + maxRetries
        + "]";
  }

  private static URI parseUrl(String text) {
    try {
      URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      String scheme = uri.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new ConfigException(URL, text, "must be an http:// or https:// URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(URL, text, "not a valid URL: " + e.getMessage());
    }
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri.getUserInfo() == null) {
      return uri;
    }
    return URI.create(
        uri.getScheme()
            + "://"
            + uri.getHost()
            + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
            + (uri.getRawPath() == null ? "" : uri.getRawPath()));
  }

  private static String firstOf(Map<String, ?> properties, String key) {
    String value = string(properties, key);
    return value != null ? value : string(properties, PREFIX + key);
  }

  private static String string(Map<String, ?> properties, String key) {
    Object value = properties.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Password password) {
      return password.value();
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  private static long longValue(Map<String, ?> properties, String key, long defaultValue) {
    Object value = properties.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be a whole number");
    }
  }
}
