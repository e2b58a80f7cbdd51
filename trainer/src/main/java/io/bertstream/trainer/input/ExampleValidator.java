package io.bertstream.trainer.input;

import static io.bertstream.runtime.deadletter.DeadLetterReason.EMPTY_EXAMPLE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.ID_OUT_OF_VOCABULARY;
import static io.bertstream.runtime.deadletter.DeadLetterReason.MASK_LENGTHS_DIFFER;
import static io.bertstream.runtime.deadletter.DeadLetterReason.MASK_OUT_OF_RANGE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.SEGMENT_OUT_OF_RANGE;
import static io.bertstream.runtime.deadletter.DeadLetterReason.TOO_LONG;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.deadletter.DeadLetterStage;
import java.util.List;
import java.util.Optional;

/**
 * Checks an example before it reaches a batch: the tokenizer fingerprint (a mismatch stops
 * training) and the shape (a malformed example is skipped, like an undecodable record).
 */
public final class ExampleValidator {

  private final String tokenizerId;
  private final int vocabSize;
  private final int maxSequenceLength;

  public ExampleValidator(String tokenizerId, int vocabSize, int maxSequenceLength) {
    this.tokenizerId = tokenizerId;
    this.vocabSize = vocabSize;
    this.maxSequenceLength = maxSequenceLength;
  }

  /**
   * @throws TokenizerMismatchException when the example was made with another tokenizer
   * @return why the example cannot be trained on (the code of a {@link DeadLetterReason} of the
   *     train stage, as the skip counter's tag), or empty when it can
   */
  public Optional<String> check(PretrainingExample example, String where) {
    if (!tokenizerId.equals(example.getTokenizerId())) {
      throw new TokenizerMismatchException(where, example.getTokenizerId(), tokenizerId);
    }
    List<Integer> ids = example.getInputIds();
    if (ids.isEmpty()) {
      return reason(EMPTY_EXAMPLE);
    }
    if (ids.size() > maxSequenceLength) {
      return reason(TOO_LONG);
    }
    for (int id : ids) {
      if (id < 0 || id >= vocabSize) {
        return reason(ID_OUT_OF_VOCABULARY);
      }
    }
    List<Integer> positions = example.getMaskedPositions();
    List<Integer> labels = example.getMaskedLabels();
    if (positions.size() != labels.size()) {
      return reason(MASK_LENGTHS_DIFFER);
    }
    for (int i = 0; i < positions.size(); i++) {
      int position = positions.get(i);
      int label = labels.get(i);
      if (position < 0 || position >= ids.size() || label < 0 || label >= vocabSize) {
        return reason(MASK_OUT_OF_RANGE);
      }
    }
    int segmentB = example.getSegmentBStart();
    if (segmentB < 0 || segmentB > ids.size()) {
      return reason(SEGMENT_OUT_OF_RANGE);
    }
    return Optional.empty();
  }

  private static Optional<String> reason(DeadLetterReason reason) {
    return Optional.of(DeadLetterStage.TRAIN.require(reason).code());
  }
}
