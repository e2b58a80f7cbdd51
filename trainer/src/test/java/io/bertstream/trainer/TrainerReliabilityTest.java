package io.bertstream.trainer;

import io.bertstream.local.EmbeddedStackExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's fault scenarios at full size (32 SIGKILLs over 160 steps, a 20 s broker outage, a
 * registry outage), each asserted exactly as in {@link TrainerFaultTest}; prints the rows of the
 * trainer's fault table (scenario, examples in, steps, examples trained, lost, trained twice, time
 * to recover). Run with {@code ./mvnw -B -pl trainer -am verify -Preliability} (about 5 minutes on
 * 2 cores).
 */
@Tag("reliability")
class TrainerReliabilityTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void shouldLoseAndRepeatNothingUnderEveryFaultAtFullSize() throws Exception {
    TrainerFaultScenarios scenarios =
        new TrainerFaultScenarios(STACK, dir, TrainerFaultScenarios.Size.FULL, 20_260_116L);
    List<TrainerFaultOutcome> outcomes = new ArrayList<>();
    outcomes.add(scenarios.randomKills("reliability-kills"));
    outcomes.add(scenarios.brokerRestart("reliability-broker"));
    outcomes.add(scenarios.registryOutage("reliability-registry"));

    StringBuilder table = new StringBuilder("Trainer fault table:\n");
    table.append(TrainerFaultOutcome.HEADER).append('\n').append(TrainerFaultOutcome.RULE);
    for (TrainerFaultOutcome outcome : outcomes) {
      table.append('\n').append(outcome.row());
    }
    System.out.println(table);
  }
}
