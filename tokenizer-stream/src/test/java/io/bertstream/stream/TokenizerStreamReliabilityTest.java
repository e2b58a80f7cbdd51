package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.local.reliability.FaultOutcome;
import io.bertstream.local.reliability.ReliabilityTable;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.tokenizer.BertTokenizer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault scenarios of {@link TokenizerStreamFaultTest} and {@link DocumentsOnceIntegrationTest}
 * on the whole SOTU corpus, each compared with one undisturbed run, for the reliability report:
 * each row is written whether or not its scenario passes, then asserted. Run with {@code ./mvnw -B
 * -pl tokenizer-stream -am verify -Preliability}, which rewrites this module's rows of
 * RELIABILITY.md.
 */
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenizerStreamReliabilityTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final long SEED = 11;

  private Path dir;
  private List<RawDocument> documents;
  private StreamFaultScenarios scenarios;
  private BertTokenizer tokenizer;
  private DocumentsOnceScenarios documentsOnce;
  private List<PretrainingExample> undisturbed;
  private final List<FaultOutcome> outcomes = new ArrayList<>();

  @BeforeAll
  void runUndisturbed(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path workDir) throws Exception {
    // Kept when a test fails: the instances' logs are in it.
    dir = workDir;
    documents = Sotu.documents(Integer.MAX_VALUE);
    Path tokenizerJson = StreamFaultScenarios.trainTokenizer(dir);
    Function<String, KafkaConnection> connections =
        prefix -> STACK.connection(prefix, StreamFaultScenarios.PARTITIONS);
    scenarios =
        new StreamFaultScenarios(STACK.admin(), connections, tokenizerJson, SEED, dir, documents);
    tokenizer = BertTokenizer.load(tokenizerJson);
    documentsOnce =
        new DocumentsOnceScenarios(
            STACK.admin(), connections, new BertWordPieces(tokenizer), SEED, dir);
    undisturbed = scenarios.undisturbed("reliability-undisturbed");
  }

  @AfterAll
  void writeReport() throws Exception {
    if (tokenizer != null) {
      tokenizer.close();
    }
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

  @Test
  void keepDocumentsWaitingThroughARegistryOutage() throws Exception {
    FaultScenarioRun run = documentsOnce.registryOutage("reliability-registry", documents);
    outcomes.add(run.outcome(undisturbed));
    System.out.println(run.describe(undisturbed));
    run.assertSameAsUndisturbed(undisturbed);
  }

  @Test
  void commitEachExampleOnceWhenDocumentsAreFedTwice() throws Exception {
    FedTwiceRun run = documentsOnce.fedTwice("reliability-twice", documents);
    outcomes.add(run.outcome(undisturbed));
    System.out.println(run.describe());
    run.assertEachExampleOnce();
    run.assertSameAsUndisturbed(undisturbed);
  }
}
