package io.bertstream.schemas.registry;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads one setting out of a client property map, whose values may be strings, numbers, lists or
 * Kafka's {@link Password} (as a parsed Kafka config hands them over).
 */
final class ConfigValues {

  /** Confluent clients also accept the auth keys with this prefix. */
  private static final String PREFIX = "schema.registry.";

  private ConfigValues() {}

  /** The value of {@code key}, else of {@code schema.registry.key}; null when neither is set. */
  static String firstOf(Map<String, ?> properties, String key) {
    String value = string(properties, key);
    return value != null ? value : string(properties, PREFIX + key);
  }

  /** The value as text; null when absent or blank. */
  static String string(Map<String, ?> properties, String key) {
    Object value = properties.get(key);
    if (value == null) {
      return null;
    }
    String text;
    if (value instanceof Password password) {
      text = password.value();
    } else if (value instanceof List<?> list) {
      text = String.join(",", list.stream().map(String::valueOf).toList());
    } else {
      text = String.valueOf(value);
    }
    return text.isBlank() ? null : text;
  }

  static long longValue(Map<String, ?> properties, String key, long defaultValue) {
    Object value = properties.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be a whole number");
    }
  }
}
