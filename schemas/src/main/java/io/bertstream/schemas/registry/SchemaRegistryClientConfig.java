package io.bertstream.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach the schema registry, read from the usual client property keys (see {@link #from}).
 * Secrets are Kafka {@link org.apache.kafka.common.config.types.Password}s: this record and its
 * parts print {@code [hidden]} for them.
 *
 * @param urls one or more base URLs, without user info; requests fail over from one to the next
 * @param auth the credentials sent with every request
 * @param trustStore what the client trusts for TLS, or null for the JVM default
 * @param clientCertificate what the client presents for mutual TLS, or null for nothing
 * @param requestTimeout how long one HTTP request may take (connect + response)
 * @param maxRetries how many times a request is retried after a connection error or a 5xx
 * @param retryBackoff the wait before the first retry; it doubles with each further one
 */
public record SchemaRegistryClientConfig(
    List<URI> urls,
    RegistryAuth auth,
    TrustStore trustStore,
    ClientCertificate clientCertificate,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String TRUSTSTORE_LOCATION = TrustStore.LOCATION;
  public static final String TRUSTSTORE_PASSWORD = TrustStore.PASSWORD;
  public static final String TRUSTSTORE_TYPE = TrustStore.TYPE;
  public static final String KEYSTORE_LOCATION = ClientCertificate.LOCATION;
  public static final String KEYSTORE_PASSWORD = ClientCertificate.PASSWORD;
  public static final String KEYSTORE_TYPE = ClientCertificate.TYPE;
  public static final String KEY_PASSWORD = ClientCertificate.KEY_PASSWORD;
  public static final String KEYSTORE_KEY = ClientCertificate.KEY;
  public static final String KEYSTORE_CERTIFICATE_CHAIN = ClientCertificate.CERTIFICATE_CHAIN;
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String MAX_RETRIES = "schema.registry.max.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

  public SchemaRegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new ConfigException(URL, "", "at least one schema registry URL is required");
    }
    Objects.requireNonNull(auth, "auth");
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
   * Reads {@value #URL} (comma-separated list allowed; {@code https://user:password@host} gives
   * basic-auth credentials), the credentials ({@link RegistryAuth#from}), the trust store ({@link
   * TrustStore#from}), the client certificate ({@link ClientCertificate#from}), {@value
   * #REQUEST_TIMEOUT_MS} (default 30000), {@value #MAX_RETRIES} (default 3) and {@value
   * #RETRY_BACKOFF_MS} (default 100). Other keys are ignored, so a whole Kafka client config can be
   * passed in.
   *
   * @throws ConfigException on settings that are missing, incomplete or contradict each other; its
   *     message names the keys and never holds a secret
   */
  public static SchemaRegistryClientConfig from(Map<String, ?> properties) {
    String urlList = ConfigValues.string(properties, URL);
    if (urlList == null) {
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
    return new SchemaRegistryClientConfig(
        urls,
        RegistryAuth.from(properties, urlUserInfo),
        TrustStore.from(properties),
        ClientCertificate.from(properties),
        Duration.ofMillis(ConfigValues.longValue(properties, REQUEST_TIMEOUT_MS, 30_000)),
        (int) ConfigValues.longValue(properties, MAX_RETRIES, 3),
        Duration.ofMillis(ConfigValues.longValue(properties, RETRY_BACKOFF_MS, 100)));
  }

  /** Whether the client needs its own TLS settings rather than the JVM's defaults. */
  boolean customTls() {
    return trustStore != null || clientCertificate != null;
  }

  private static URI parseUrl(String text) {
    // The text may hold user:password@: error messages show it without.
    String shown = Redaction.withoutUserInfo(text);
    URI uri;
    try {
      uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(URL, shown, "not a valid URL");
    }
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new ConfigException(URL, shown, "must be an http:// or https:// URL");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(URL, shown, "has no host");
    }
    return uri;
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
}
