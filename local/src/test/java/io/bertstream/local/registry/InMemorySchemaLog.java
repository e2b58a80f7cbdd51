package io.bertstream.local.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A log in a list, shareable by several services like the topic is by several processes. */
final class InMemorySchemaLog implements SchemaLog {

  private final List<SchemaLogRecord> records;
  private int position;

  InMemorySchemaLog() {
    this(new ArrayList<>());
  }

  private InMemorySchemaLog(List<SchemaLogRecord> records) {
    this.records = records;
  }

  /** Another reader of the same records, starting from the beginning. */
  InMemorySchemaLog reader() {
    return new InMemorySchemaLog(records);
  }

  List<SchemaLogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void append(SchemaLogRecord record) {
    records.add(record);
  }

  @Override
  public void readToEnd(Consumer<SchemaLogRecord> apply) {
    while (position < records.size()) {
      apply.accept(records.get(position++));
    }
  }

  @Override
  public void close() {}
}
