package io.bertstream.stream;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryClientConfig;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Asks the schema registry for its subjects, once, without retries: the caller decides when to ask
 * again. Any answer but a server error means the registry is back (a refusal is then reported by
 * the real request, with its reason).
 */
final class RegistryProbe implements BooleanSupplier {

  /** Short, so a registry behind a black hole does not hold a probe for the default 30 s. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final SchemaRegistryClient client;

  RegistryProbe(SchemaRegistryClient client) {
    this.client = client;
  }

  /** A probe of the registry {@code connection} names, with its credentials and trust store. */
  static RegistryProbe of(KafkaConnection connection) {
    Map<String, Object> config = connection.registryConfig();
    config.put(SchemaRegistryClientConfig.MAX_RETRIES, 0);
    config.put(SchemaRegistryClientConfig.REQUEST_TIMEOUT_MS, REQUEST_TIMEOUT.toMillis());
    return new RegistryProbe(SchemaRegistryClient.create(config));
  }

  @Override
  public boolean getAsBoolean() {
    try {
      client.subjects();
      return true;
    } catch (SchemaRegistryException e) {
      return e.isClientError();
    }
  }
}
