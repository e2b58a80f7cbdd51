package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.local.EmbeddedStackExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's fault scenarios at suite size (a tiny model, 24 steps over a 3-partition topic):
 * each faulted run ends with exactly the ledger, weights and optimizer state of the undisturbed
 * run, which all three share. The full-size runs are {@link TrainerReliabilityTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainerFaultTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private TrainerFaultScenarios scenarios;

  @BeforeAll
  void scenarios(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    scenarios =
        new TrainerFaultScenarios(STACK, dir, TrainerFaultScenarios.Size.SUITE, 20_260_115L);
  }

  @Test
  void shouldTrainEachExampleOnceToTheSameWeightsWhenSigkilledAtRandomInstants() throws Exception {
    TrainerFaultOutcome outcome = scenarios.randomKills("faults-kills");

    assertThat(outcome.faults()).isEqualTo(TrainerFaultScenarios.Size.SUITE.kills());
    assertThat(outcome.lost()).isZero();
    assertThat(outcome.trainedTwice()).isZero();
  }

  @Test
  void shouldWaitForARestartedBrokerAndTrainEachExampleOnce() throws Exception {
    TrainerFaultOutcome outcome = scenarios.brokerRestart("faults-broker");

    assertThat(outcome.lost()).isZero();
    assertThat(outcome.trainedTwice()).isZero();
  }

  @Test
  void shouldStopInsteadOfSkippingWhenTheRegistryIsUnreachableAndResumeExactly() throws Exception {
    TrainerFaultOutcome outcome = scenarios.registryOutage("faults-registry");

    assertThat(outcome.lost()).isZero();
    assertThat(outcome.trainedTwice()).isZero();
  }
}
