package io.bertstream.runtime.deadletter;

import static io.bertstream.runtime.deadletter.DeadLetterReason.BINARY;
import static io.bertstream.runtime.deadletter.DeadLetterReason.CORRUPT_COMPRESSION;
import static io.bertstream.runtime.deadletter.DeadLetterReason.EMPTY_EXAMPLE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.EMPTY_RECORD;
import static io.bertstream.runtime.deadletter.DeadLetterReason.EMPTY_TEXT;
import static io.bertstream.runtime.deadletter.DeadLetterReason.ID_OUT_OF_VOCABULARY;
import static io.bertstream.runtime.deadletter.DeadLetterReason.INVALID_UTF8;
import static io.bertstream.runtime.deadletter.DeadLetterReason.MALFORMED_JSON;
import static io.bertstream.runtime.deadletter.DeadLetterReason.MASK_LENGTHS_DIFFER;
import static io.bertstream.runtime.deadletter.DeadLetterReason.MASK_OUT_OF_RANGE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.MISSING_TEXT;
import static io.bertstream.runtime.deadletter.DeadLetterReason.PROCESSING_FAILURE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.SEGMENT_OUT_OF_RANGE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.TOKENIZER_FAILURE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.TOO_LARGE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.TOO_LONG;
import static io.bertstream.runtime.deadletter.DeadLetterReason.TOO_SHORT;
import static io.bertstream.runtime.deadletter.DeadLetterReason.UNDECODABLE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.UNDECODABLE_KEY;
import static io.bertstream.runtime.deadletter.DeadLetterReason.UNPRODUCIBLE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.UNREADABLE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.UNSERIALIZABLE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The pipeline stage that gave up on a record ({@code bertstream.dlq.stage}, the {@code stage} tag
 * of metrics), and the reasons it may give. A stage never gives a reason outside its set: {@link
 * DeadLetter} refuses the pair, so the documented vocabulary stays complete.
 */
public enum DeadLetterStage {
  /** {@code bertstream ingest}: files, stdin, HTTP bodies. */
  INGEST(
      "ingest",
      EnumSet.of(
          INVALID_UTF8,
          BINARY,
          TOO_LARGE,
          MALFORMED_JSON,
          MISSING_TEXT,
          UNREADABLE,
          CORRUPT_COMPRESSION)),
  /** The tokenizer stream: documents becoming examples. */
  TOKENIZE(
      "tokenize",
      EnumSet.of(
          UNDECODABLE,
          EMPTY_RECORD,
          EMPTY_TEXT,
          TOKENIZER_FAILURE,
          TOO_SHORT,
          UNDECODABLE_KEY,
          PROCESSING_FAILURE,
          UNPRODUCIBLE,
          UNSERIALIZABLE)),
  /** The trainer's example checks (it skips and counts; it writes no dead-letter records). */
  TRAIN(
      "train",
      EnumSet.of(
          EMPTY_EXAMPLE,
          TOO_LONG,
          ID_OUT_OF_VOCABULARY,
          MASK_LENGTHS_DIFFER,
          MASK_OUT_OF_RANGE,
          SEGMENT_OUT_OF_RANGE));

  private final String code;
  private final Set<DeadLetterReason> reasons;

  DeadLetterStage(String code, Set<DeadLetterReason> reasons) {
    this.code = code;
    this.reasons = Collections.unmodifiableSet(reasons);
  }

  /** The stable wire code. */
  public String code() {
    return code;
  }

  /** The reasons this stage gives, in declaration order. */
  public Set<DeadLetterReason> reasons() {
    return reasons;
  }

  /**
   * {@code reason}, when this stage gives it.
   *
   * @throws IllegalArgumentException when it does not: the vocabulary must list it first
   */
  public DeadLetterReason require(DeadLetterReason reason) {
    if (!reasons.contains(reason)) {
      throw new IllegalArgumentException(
          "stage " + code + " does not give the reason " + reason.code());
    }
    return reason;
  }

  /** The stage whose {@link #code()} is {@code code}. */
  public static DeadLetterStage ofCode(String code) {
    for (DeadLetterStage stage : values()) {
      if (stage.code.equals(code)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("no dead-letter stage has the code '" + code + "'");
  }
}
