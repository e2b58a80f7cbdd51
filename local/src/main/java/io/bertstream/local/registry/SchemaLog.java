package io.bertstream.local.registry;

import java.util.function.Consumer;

/** Where the registry keeps its records: appended once, replayed in order. */
interface SchemaLog extends AutoCloseable {

  /** Appends {@code record} durably. */
  void append(SchemaLogRecord record);

  /** Hands every record not yet seen, up to the current end of the log, to {@code apply}. */
  void readToEnd(Consumer<SchemaLogRecord> apply);

  @Override
  void close();
}
