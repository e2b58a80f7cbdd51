package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;

/** One decoded example and where it was read from. */
public record FetchedExample(int partition, long offset, PretrainingExample example) {}
