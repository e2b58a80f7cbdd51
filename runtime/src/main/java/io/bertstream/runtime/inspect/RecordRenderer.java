package io.bertstream.runtime.inspect;

import org.apache.avro.specific.SpecificRecord;

/** Prints one record for people ({@code --format text}); a command may plug in a richer one. */
@FunctionalInterface
public interface RecordRenderer {

  String render(String key, SpecificRecord value);
}
