package io.bertstream.schemas.registry;

import java.util.Locale;
import java.util.Optional;

/** The compatibility rules a registry enforces when a new version of a subject is registered. */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /** The level named by {@code text} (case-insensitive), or empty if there is none. */
  public static Optional<CompatibilityLevel> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether a new schema must be able to read data written with the earlier ones. */
  public boolean checksBackward() {
    return this != NONE && this != FORWARD && this != FORWARD_TRANSITIVE;
  }

  /** Whether data written with a new schema must be readable with the earlier ones. */
  public boolean checksForward() {
    return this != NONE && this != BACKWARD && this != BACKWARD_TRANSITIVE;
  }

  /** Whether the check runs against every earlier version rather than only the latest. */
  public boolean isTransitive() {
    return name().endsWith("_TRANSITIVE");
  }
}
