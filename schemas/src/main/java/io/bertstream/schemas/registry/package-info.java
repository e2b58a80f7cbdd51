/**
 * A client for Confluent-compatible schema registries (Confluent Schema Registry, Apicurio in
 * ccompat mode, Karapace, Redpanda, and the embedded one in {@code bertstream-local}): the REST
 * subset this project needs, with caching, retries and basic auth / TLS.
 */
package io.bertstream.schemas.registry;
