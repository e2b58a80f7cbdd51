package io.bertstream.trainer.input;

import io.bertstream.avro.PretrainingExample;
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
   * @return why the example cannot be trained on, or empty when it can
   */
  public Optional<String> check(PretrainingExample example, String where) {
    if (!tokenizerId.equals(example.getTokenizerId())) {
      throw new TokenizerMismatchException(where, example.getTokenizerId(), tokenizerId);
    }
    List<Integer> ids = example.getInputIds();
    if (ids.isEmpty()) {
      return Optional.of("empty");
    }
    if (ids.size() > maxSequenceLength) {
      return Optional.of("too_long");
    }
    for (int id : ids) {
      if (id < 0 || id >= vocabSize) {
        return Optional.of("id_out_of_vocabulary");
      }
    }
    List<Integer> positions = example.getMaskedPositions();
    List<Integer> labels = example.getMaskedLabels();
    if (positions.size() != labels.size()) {
      return Optional.of("mask_lengths_differ");
    }
    for (int i = 0; i < positions.size(); i++) {
      int position = positions.get(i);
      int label = labels.get(i);
      if (position < 0 || position >= ids.size() || label < 0 || label >= vocabSize) {
        return Optional.of("mask_out_of_range");
      }
    }
    int segmentB = example.getSegmentBStart();
    if (segmentB < 0 || segmentB > ids.size()) {
      return Optional.of("segment_out_of_range");
    }
    return Optional.empty();
  }
}
