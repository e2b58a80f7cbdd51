/**
 * From candidate to Kafka: normalization, content ids, DLQ records, the producer settings and the
 * publisher that counts every acknowledgement and failure.
 */
package io.bertstream.ingestor.publish;
