package io.bertstream.ingestor.publish;

import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.Rejection;

/** What became of a candidate: a document to publish, nothing (empty), or a rejection. */
public sealed interface Assembled {

  record Ready(RawDocument document, int textBytes) implements Assembled {}

  record Empty(String location) implements Assembled {}

  record Rejected(Rejection rejection) implements Assembled {}
}
