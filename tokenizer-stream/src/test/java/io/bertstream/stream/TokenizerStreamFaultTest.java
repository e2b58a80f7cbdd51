package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under faults, at CI size (60 addresses): instances SIGKILLed mid-transaction and a
 * broker restarted mid-transaction leave the committed output equal, record for record, to an
 * undisturbed one-instance run. {@link TokenizerStreamReliabilityTest} runs the same scenarios on
 * the whole corpus and writes RELIABILITY.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenizerStreamFaultTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  // The first 60 addresses: after the two fault phases, the rest still reaches all six
  // partitions (of the first 40, the last on partition 1 is the 16th), so the replacements get
  // work.
  private static final int DOCUMENTS = 60;
  private static final long SEED = 11;

  private Path dir;
  private StreamFaultScenarios scenarios;
  private List<PretrainingExample> undisturbed;

  @BeforeAll
  void runUndisturbed(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path workDir) throws Exception {
    // Kept when a test fails: the instances' logs are in it.
    dir = workDir;
    scenarios =
        new StreamFaultScenarios(
            STACK.admin(),
            prefix -> STACK.connection(prefix, StreamFaultScenarios.PARTITIONS),
            StreamFaultScenarios.trainTokenizer(dir),
            SEED,
            dir,
            Sotu.documents(DOCUMENTS));
    undisturbed = scenarios.undisturbed("faults-undisturbed");
    assertThat(undisturbed).hasSizeGreaterThan(100);
    assertThat(undisturbed.stream().map(PretrainingExample::getDocId).distinct())
        .hasSize(DOCUMENTS);
  }

  @Test
  void shouldCommitExactlyTheUndisturbedExamplesWhenInstancesAreKilledMidTransaction()
      throws Exception {
    FaultScenarioRun run = scenarios.killTwoOfThree("faults-kill");
    System.out.println(run.describe(undisturbed));

    run.assertExactlyOnce(undisturbed, Set.of("a", "b", "c", "b2", "c2"));
    assertThat(run.recoveries()).hasSize(2);
  }

  @Test
  void shouldCommitExactlyTheUndisturbedExamplesWhenTheBrokerRestartsMidTransaction()
      throws Exception {
    FaultScenarioRun run =
        scenarios.restartBroker("faults-restart", dir.resolve("restarted-stack"));
    System.out.println(run.describe(undisturbed));

    run.assertExactlyOnce(undisturbed, Set.of("x"));
    assertThat(run.recoveries()).hasSize(1);
  }
}
