package io.bertstream.schemas.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent schema-registry REST API this project uses. Implementations are
 * thread-safe; {@link #create} returns one that caches ids and schemas both ways, so a steady
 * stream of records makes no HTTP calls.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry refuses the request
 * (4xx, carrying its {@code error_code}) or stays unreachable after the configured retries.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} and returns its registry-wide id; registering
   * the same schema again returns the same id.
   */
  int register(String subject, Schema schema);

  /** The id of {@code schema} under {@code subject}, which must already be registered. */
  RegisteredSchema lookup(String subject, Schema schema);

  /** The id of an already registered {@code schema}; caching clients answer repeats locally. */
  default int idOf(String subject, Schema schema) {
    return lookup(subject, schema).id();
  }

  /** The schema with registry-wide id {@code id}. */
  Schema schemaById(int id);

  /** The newest version of {@code subject}. */
  RegisteredSchema latest(String subject);

  /** Every subject with at least one version. */
  List<String> subjects();

  /** Whether {@code schema} could be registered under {@code subject} as its next version. */
  boolean isCompatible(String subject, Schema schema);

  /** The registry-wide compatibility level. */
  CompatibilityLevel compatibility();

  /** The level set for {@code subject} itself, or empty when it follows the global one. */
  Optional<CompatibilityLevel> compatibility(String subject);

  /** Sets the registry-wide compatibility level. */
  void setCompatibility(CompatibilityLevel level);

  /** Sets the compatibility level of one subject. */
  void setCompatibility(String subject, CompatibilityLevel level);

  /** A caching REST client configured by {@link SchemaRegistryClientConfig#from}. */
  static SchemaRegistryClient create(Map<String, ?> properties) {
    return new RestSchemaRegistryClient(SchemaRegistryClientConfig.from(properties));
  }
}
