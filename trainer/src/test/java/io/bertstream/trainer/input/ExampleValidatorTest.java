package io.bertstream.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.avro.PretrainingExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleValidatorTest {

  private final ExampleValidator validator = new ExampleValidator("t", 20, 8);

  @Test
  void shouldAcceptAWellFormedExample() {
    assertThat(validator.check(example(List.of(2, 7, 3, 8, 3), List.of(1), List.of(9)), "x"))
        .isEmpty();
  }

  @Test
  void shouldStopWithAClearErrorWhenTheTokenizerDiffers() {
    PretrainingExample other = example(List.of(2, 7, 3), List.of(1), List.of(9));
    other.setTokenizerId("other");
    assertThatThrownBy(() -> validator.check(other, "bertstream.examples-3@17"))
        .isInstanceOf(TokenizerMismatchException.class)
        .hasMessageContaining("bertstream.examples-3@17")
        .hasMessageContaining("other")
        .hasMessageContaining("tokenizer t");
  }

  @Test
  void shouldNameWhyAMalformedExampleIsSkipped() {
    assertThat(
            validator.check(
                example(List.of(2, 7, 3, 8, 3, 5, 5, 5, 3), List.of(1), List.of(9)), "x"))
        .contains("too_long");
    assertThat(validator.check(example(List.of(2, 70, 3), List.of(1), List.of(9)), "x"))
        .contains("id_out_of_vocabulary");
    assertThat(validator.check(example(List.of(2, 7, 3), List.of(5), List.of(9)), "x"))
        .contains("mask_out_of_range");
    assertThat(validator.check(example(List.of(2, 7, 3), List.of(1, 2), List.of(9)), "x"))
        .contains("mask_lengths_differ");
    assertThat(validator.check(example(List.of(), List.of(), List.of()), "x"))
        .contains("empty_example");
  }

  private static PretrainingExample example(
      List<Integer> ids, List<Integer> positions, List<Integer> labels) {
    return BatchBuilderTest.example(ids, Math.min(2, ids.size()), positions, labels, false);
  }
}
