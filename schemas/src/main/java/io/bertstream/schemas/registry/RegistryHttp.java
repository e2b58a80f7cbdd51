package io.bertstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the client: JSON in and out, credentials, TLS, fail-over across URLs and retries
 * with exponential backoff on connection errors and 5xx. A 4xx or a failed TLS handshake is never
 * retried: the settings are wrong, and asking again cannot help.
 */
final class RegistryHttp {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final String BASIC_AUTH_KEYS = "basic.auth.*";
  private static final String BEARER_AUTH_KEYS = "bearer.auth.*";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  private final SchemaRegistryClientConfig config;
  private final HttpClient http;
  private final ObjectMapper json;
  private final String authorization;

  RegistryHttp(SchemaRegistryClientConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // Registries speak HTTP/1.1; asking for h2c on every new connection only costs time.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (config.customTls()) {
      builder.sslContext(RegistrySsl.context(config.trustStore(), config.clientCertificate()));
    }
    this.http = builder.build();
    this.authorization = config.auth().header().orElse(null);
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  private JsonNode send(String method, String path, Object body) {
    byte[] payload = body == null ? null : serialize(body);
    List<URI> urls = config.urls();
    SchemaRegistryException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        backOff(attempt, method, path, last);
      }
      for (URI base : urls) {
        try {
          HttpResponse<byte[]> response =
              http.send(
                  request(base, method, path, payload), HttpResponse.BodyHandlers.ofByteArray());
          int status = response.statusCode();
          if (status >= 200 && status < 300) {
            return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
          }
          SchemaRegistryException error = errorOf(status, response.body(), base, method, path);
          if (status < 500) {
            throw error;
          }
          last = error;
        } catch (SSLException e) {
          throw tlsFailure(base, method, path, e);
        } catch (IOException e) {
          last =
              new SchemaRegistryException(
                  0,
                  0,
                  "Schema registry " + base + " unreachable for " + method + " " + path + ": " + e,
                  e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SchemaRegistryException(0, 0, "Interrupted calling the schema registry", e);
        }
      }
    }
    throw last;
  }

  private HttpRequest request(URI base, String method, String path, byte[] payload) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT)
            .method(
                method,
                payload == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(payload));
    if (payload != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private SchemaRegistryException errorOf(
      int status, byte[] body, URI base, String method, String path) {
    int errorCode = status;
    String message = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject()) {
        errorCode = node.path("error_code").asInt(status);
        message = node.path("message").asText(message);
      }
    } catch (IOException e) {
      // Not JSON (a proxy's error page, say): keep the raw text as the message.
      LOG.debug("Non-JSON error body from {} for {} {}", base, method, path);
    }
    return new SchemaRegistryException(
        status,
        errorCode,
        "Schema registry "
            + method
            + " "
            + path
            + " failed: HTTP "
            + status
            + ", error_code "
            + errorCode
            + ": "
            + oneLine(message)
            + hint(status));
  }

  /** What to check when the registry turns the client away. */
  private String hint(int status) {
    if (status != 401 && status != 403) {
      return "";
    }
    String sent = "sent " + config.auth().description();
    return status == 401
        ? " (" + sent + "; check " + BASIC_AUTH_KEYS + " or " + BEARER_AUTH_KEYS + ")"
        : " (" + sent + "; the registry knows who this is but does not allow it)";
  }

  /**
   * A handshake that failed: this client does not trust the registry's certificate, or the registry
   * refused this client's (or wanted one and got none). Retrying cannot mend either.
   */
  private static SchemaRegistryException tlsFailure(
      URI base, String method, String path, SSLException e) {
    boolean refusedByServer = String.valueOf(e.getMessage()).contains("alert");
    String hint =
        refusedByServer
            ? "the registry refused this client's certificate or wanted one: check "
                + ClientCertificate.LOCATION
            : "is the registry's certificate signed by a CA in "
                + TrustStore.LOCATION
                + " (or the JVM's trust), and does it name the host of the URL?";
    return new SchemaRegistryException(
        0,
        0,
        "TLS with the schema registry "
            + base
            + " failed for "
            + method
            + " "
            + path
            + ": "
            + oneLine(e.getMessage())
            + "; "
            + hint,
        e);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
  }

  private void backOff(int attempt, String method, String path, SchemaRegistryException last) {
    long millis = config.retryBackoff().toMillis() << Math.min(attempt - 1, 20);
    long wait = Math.min(millis, MAX_BACKOFF.toMillis());
    LOG.warn(
        "Schema registry {} {} failed ({}); retry {} of {} in {} ms",
        method,
        path,
        last.getMessage(),
        attempt,
        config.maxRetries(),
        wait);
    try {
      // A real backoff between attempts, not a stand-in for synchronization.
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(0, 0, "Interrupted waiting to retry", e);
    }
  }

  private byte[] serialize(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot encode request body", e);
    }
  }
}
