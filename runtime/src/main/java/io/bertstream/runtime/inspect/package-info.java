/**
 * {@code bertstream inspect}: prints the first or latest records of the docs or examples topic, as
 * JSON lines of the Avro fields or as text for people. Every reader of those topics may depend on
 * it; it reads through {@link io.bertstream.runtime.topic.TopicSnapshot}.
 */
package io.bertstream.runtime.inspect;
