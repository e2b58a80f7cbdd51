/**
 * Reading topics outside the streaming pipeline: {@link io.bertstream.runtime.topic.TopicSnapshot}
 * reads a bounded, committed-only snapshot of a topic without a consumer group (for {@code
 * inspect}, vocabulary training and the trainer's evaluation sample); {@link
 * io.bertstream.runtime.topic.TopicAssignment} assigns and positions a consumer on every partition
 * of a topic (the trainer's continuous reader starts with it); {@link
 * io.bertstream.runtime.topic.DecodingFailures} is the rule for records that cannot be decoded.
 */
package io.bertstream.runtime.topic;
