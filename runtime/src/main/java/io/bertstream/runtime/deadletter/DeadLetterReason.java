package io.bertstream.runtime.deadletter;

/**
 * Why a record was dead-lettered (or, in the trainer, skipped): one vocabulary for every service.
 * {@link #code()} is what goes on the wire (the {@code bertstream.dlq.reason} header and the {@code
 * reason} tag of metrics); codes are snake_case and never change once published, so renaming a
 * constant never renames a code. {@link DeadLetterStage} says which stage raises which.
 */
public enum DeadLetterReason {

  // ingest: files, stdin and HTTP bodies
  /** Bytes that are not UTF-8, under {@code --on-invalid-utf8 reject}. */
  INVALID_UTF8("invalid_utf8"),
  /** A file whose first KiB holds a NUL byte or mostly control bytes. */
  BINARY("binary"),
  /** A document (file, paragraph or line) over {@code --max-doc-bytes}. */
  TOO_LARGE("too_large"),
  /** A JSON line that does not parse, is not one object, or whose text field is not a string. */
  MALFORMED_JSON("malformed_json"),
  /** A JSON object without the text field. */
  MISSING_TEXT("missing_text"),
  /** A file or directory entry that cannot be opened or read (or is no regular file). */
  UNREADABLE("unreadable"),
  /** A gzip stream that is truncated or corrupt. */
  CORRUPT_COMPRESSION("corrupt_compression"),

  // tokenize: documents on the docs topic
  /** The value is not a RawDocument (bad Avro, unknown schema id). */
  UNDECODABLE("undecodable"),
  /** A null or empty value. */
  EMPTY_RECORD("empty_record"),
  /** A document with no text left after stripping whitespace. */
  EMPTY_TEXT("empty_text"),
  /** The tokenizer threw on the document. */
  TOKENIZER_FAILURE("tokenizer_failure"),
  /** Fewer than two word pieces in the whole document. */
  TOO_SHORT("too_short"),
  /** A key that cannot be deserialized, before the topology sees the record (counted only). */
  UNDECODABLE_KEY("undecodable_key"),
  /** Processing threw unexpectedly; the record is skipped (counted only). */
  PROCESSING_FAILURE("processing_failure"),
  /** Kafka refused an output record, e.g. one too large (counted only). */
  UNPRODUCIBLE("unproducible"),
  /** An output record could not be serialized (counted only). */
  UNSERIALIZABLE("unserializable"),

  // train: examples on the examples topics (skipped and counted, never written)
  /** An example without input ids. */
  EMPTY_EXAMPLE("empty_example"),
  /** More input ids than the model's maximum sequence length. */
  TOO_LONG("too_long"),
  /** An input id outside the vocabulary. */
  ID_OUT_OF_VOCABULARY("id_out_of_vocabulary"),
  /** Masked positions and masked labels of different lengths. */
  MASK_LENGTHS_DIFFER("mask_lengths_differ"),
  /** A masked position outside the sequence or a label outside the vocabulary. */
  MASK_OUT_OF_RANGE("mask_out_of_range"),
  /** A segment B start outside the sequence. */
  SEGMENT_OUT_OF_RANGE("segment_out_of_range");

  private final String code;

  DeadLetterReason(String code) {
    this.code = code;
  }

  /** The stable snake_case wire code. */
  public String code() {
    return code;
  }

  /** The reason whose {@link #code()} is {@code code}. */
  public static DeadLetterReason ofCode(String code) {
    for (DeadLetterReason reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("no dead-letter reason has the code '" + code + "'");
  }
}
