/**
 * The local stack: an in-process single-node KRaft Kafka broker ({@link
 * io.bertstream.local.EmbeddedKafka}), the project's topics ({@link
 * io.bertstream.local.ProjectTopics}) and both together behind {@link
 * io.bertstream.local.LocalStack}, which {@code bertstream local up}, the quickstart and the
 * integration tests (through {@code EmbeddedStackExtension} in this module's test-jar) run.
 */
package io.bertstream.local;
