package io.bertstream.runtime;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** One topic and the serdes of its keys and values, built once from the connection. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }
}
