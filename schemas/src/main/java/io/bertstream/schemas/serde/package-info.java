/**
 * Kafka serializers, deserializers and a Streams serde for the generated Avro classes, in
 * Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro binary).
 */
package io.bertstream.schemas.serde;
