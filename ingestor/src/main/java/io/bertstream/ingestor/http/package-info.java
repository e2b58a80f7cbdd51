/** {@code bertstream ingest serve}: POST /documents answering after Kafka acknowledged. */
package io.bertstream.ingestor.http;
