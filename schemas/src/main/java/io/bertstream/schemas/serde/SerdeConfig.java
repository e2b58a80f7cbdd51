package io.bertstream.schemas.serde;

import java.util.Map;

/**
 * Serde settings read from the client properties.
 *
 * @param autoRegisterSchemas {@value #AUTO_REGISTER_SCHEMAS} (default true): register the record's
 *     schema on first write; when false, the schema must already be registered and its id is looked
 *     up
 */
public record SerdeConfig(boolean autoRegisterSchemas) {

  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  public static final SerdeConfig DEFAULTS = new SerdeConfig(true);

  public static SerdeConfig from(Map<String, ?> properties) {
    Object value = properties.get(AUTO_REGISTER_SCHEMAS);
    return new SerdeConfig(value == null || Boolean.parseBoolean(String.valueOf(value).trim()));
  }
}
