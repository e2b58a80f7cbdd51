package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.local.reliability.FaultOutcome;
import io.bertstream.local.reliability.ReliabilityTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault scenarios of {@link TokenizerStreamFaultTest} on the whole SOTU corpus, for the
 * reliability report: each row is written whether or not its scenario passes, then asserted. Run
 * with {@code ./mvnw -B -pl tokenizer-stream -am verify -Preliability}, which rewrites this
 * module's rows of RELIABILITY.md.
 */
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenizerStreamReliabilityTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final long SEED = 11;

  private Path dir;
  private StreamFaultScenarios scenarios;
  private List<PretrainingExample> undisturbed;
  private final List<FaultOutcome> outcomes = new ArrayList<>();

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
            Sotu.documents(Integer.MAX_VALUE));
    undisturbed = scenarios.undisturbed("reliability-undisturbed");
  }

  @AfterAll
  void writeReport() throws Exception {
    String measured = Runtime.getRuntime().availableProcessors() + " cores";
    System.out.println(ReliabilityTable.render(outcomes, LocalDate.now(), measured));
    Path report = ReliabilityTable.reportFile();
    if (report != null) {
      ReliabilityTable.write(report, outcomes, LocalDate.now(), measured);
    }
  }

  @Test
  void killTwoOfThreeInstancesMidTransaction() throws Exception {
    FaultScenarioRun run = scenarios.killTwoOfThree("reliability-kill");
    outcomes.add(run.outcome(undisturbed));
    System.out.println(run.describe(undisturbed));
    run.assertExactlyOnce(undisturbed, Set.of("a", "b", "c", "b2", "c2"));
  }

  @Test
  void restartTheBrokerMidTransaction() throws Exception {
    FaultScenarioRun run =
        scenarios.restartBroker("reliability-restart", dir.resolve("restarted-stack"));
    outcomes.add(run.outcome(undisturbed));
    System.out.println(run.describe(undisturbed));
    run.assertExactlyOnce(undisturbed, Set.of("x"));
  }
}
