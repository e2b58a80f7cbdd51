/**
 * A client for Confluent-compatible schema registries (Confluent Schema Registry, Apicurio in
 * ccompat mode, Karapace, Redpanda, and the embedded one in {@code bertstream-local}): the REST
 * subset this project needs, with caching, retries, basic or bearer auth, TLS and mutual TLS (key
 * stores or PEM). Settings are read with Confluent's key names; secrets never reach a message, a
 * log line or a {@code toString} ({@link io.bertstream.schemas.registry.Redaction}).
 */
package io.bertstream.schemas.registry;
