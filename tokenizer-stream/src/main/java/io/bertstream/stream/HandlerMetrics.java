package io.bertstream.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;

/** Finds the {@link StreamMetrics} the app put into the Streams configuration for its handlers. */
final class HandlerMetrics {

  /** Key of the {@link StreamMetrics} object in the Streams properties. */
  static final String CONFIG_KEY = "bertstream.stream.metrics";

  private HandlerMetrics() {}

  static StreamMetrics from(Map<String, ?> configs) {
    Object metrics = configs.get(CONFIG_KEY);
    return metrics instanceof StreamMetrics found
        ? found
        : new StreamMetrics(new SimpleMeterRegistry());
  }
}
