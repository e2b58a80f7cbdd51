package io.bertstream.local.registry;

import io.bertstream.schemas.registry.CompatibilityLevel;
import java.util.Objects;

/** One entry of the registry's log: a registered version, or a compatibility setting. */
sealed interface SchemaLogRecord {

  /**
   * Version {@code version} of {@code subject} is schema {@code id}, whose canonical text is {@code
   * schema}.
   */
  record SchemaVersion(String subject, int version, int id, String schema)
      implements SchemaLogRecord {
    public SchemaVersion {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(schema, "schema");
    }
  }

  /** The compatibility level of {@code subject}, or the global one when {@code subject} is null. */
  record Config(String subject, CompatibilityLevel level) implements SchemaLogRecord {
    public Config {
      Objects.requireNonNull(level, "level");
    }
  }
}
