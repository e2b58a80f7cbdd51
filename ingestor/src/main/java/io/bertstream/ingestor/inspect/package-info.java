/**
 * Reading topics without a consumer group: {@code bertstream inspect} prints the first or latest
 * records of the docs or examples topic; {@link io.bertstream.ingestor.inspect.DocsTopicTexts}
 * hands the docs topic's texts to vocabulary training.
 */
package io.bertstream.ingestor.inspect;
