package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.model.StepOutcome;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  private static final StepOutcome OUTCOME = new StepOutcome(7.1, 6.4, 0.69, 0.1, 0.5);

  @Test
  void shouldShowTheStepOfTheBoundAndTheRates() {
    assertThat(new ProgressLine(120, 1000, OUTCOME, 1e-4, 5123.4, 40.04, 0.004, 2).text())
        .isEqualTo(
            "step 120/1000 loss 7.1000 (mlm 6.4000, nsp 0.6900) lr 1.00e-04 | 5123 tokens/s 40.0"
                + " examples/s | input wait 0.4% | skipped 2");
  }

  @Test
  void shouldLeaveOutTheBoundOfAnUnboundedRun() {
    assertThat(new ProgressLine(7, 0, OUTCOME, 1e-4, 0, 0, 0, 0).text()).startsWith("step 7 loss");
  }
}
