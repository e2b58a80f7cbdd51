package io.bertstream.schemas.serde;

import io.bertstream.schemas.registry.CompatibilityLevel;
import io.bertstream.schemas.registry.RegisteredSchema;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** A registry in a map, for serde unit tests; ids start at {@code firstId}. No compatibility. */
final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<String, Integer> idsByCanonical = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versions = new HashMap<>();
  private final AtomicInteger nextId;
  final AtomicInteger schemaByIdCalls = new AtomicInteger();
  private final Map<SubjectSchema, Integer> cache = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  InMemorySchemaRegistryClient(int firstId) {
    this.nextId = new AtomicInteger(firstId);
  }

  @Override
  public int register(String subject, Schema schema) {
    // Like the REST client: repeats are answered from a cache keyed by the Schema object.
    Integer known = cache.get(new SubjectSchema(subject, schema));
    return known != null ? known : registerNew(subject, schema);
  }

  private synchronized int registerNew(String subject, Schema schema) {
    int id = idsByCanonical.computeIfAbsent(schema.toString(), s -> nextId.getAndIncrement());
    schemasById.put(id, schema);
    List<Integer> ids = versions.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!ids.contains(id)) {
      ids.add(id);
    }
    cache.put(new SubjectSchema(subject, schema), id);
    return id;
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    Integer id = idsByCanonical.get(schema.toString());
    List<Integer> ids = versions.getOrDefault(subject, List.of());
    if (id == null || !ids.contains(id)) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
    }
    return new RegisteredSchema(subject, ids.indexOf(id) + 1, id, schema);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    schemaByIdCalls.incrementAndGet();
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> ids = versions.get(subject);
    if (ids == null) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject not found");
    }
    int id = ids.get(ids.size() - 1);
    return new RegisteredSchema(subject, ids.size(), id, schemasById.get(id));
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(versions.keySet());
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return true;
  }

  @Override
  public CompatibilityLevel compatibility() {
    return CompatibilityLevel.NONE;
  }

  @Override
  public Optional<CompatibilityLevel> compatibility(String subject) {
    return Optional.empty();
  }

  @Override
  public void setCompatibility(CompatibilityLevel level) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    throw new UnsupportedOperationException();
  }
}
