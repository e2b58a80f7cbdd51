package io.bertstream.runtime.topic;

import org.apache.kafka.common.KafkaException;

/** The topic a reader was asked to read does not exist (or has no partitions). */
public final class MissingTopicException extends KafkaException {

  private static final long serialVersionUID = 1L;

  private final String topic;

  public MissingTopicException(String topic) {
    super("topic " + topic + " does not exist");
    this.topic = topic;
  }

  public String topic() {
    return topic;
  }
}
