/**
 * The embedded schema registry: Confluent's REST subset (Javalin) over a compacted {@code _schemas}
 * topic on the embedded broker. {@link io.bertstream.local.registry.EmbeddedSchemaRegistry} is the
 * entry point; the rest is its parts.
 */
package io.bertstream.local.registry;
