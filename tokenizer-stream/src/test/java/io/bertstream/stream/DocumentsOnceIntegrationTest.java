package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.tokenizer.BertTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document becomes examples once, on the real embedded broker and registry: while the schema
 * registry is unreachable documents wait (none is dead-lettered), and when they come back they are
 * all turned into examples, each once. {@link TokenizerStreamReliabilityTest} runs the same
 * scenarios on the whole corpus against an undisturbed run and writes RELIABILITY.md.
 */
class DocumentsOnceIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @TempDir static Path shared;

  private static BertTokenizer tokenizer;
  private static DocumentsOnceScenarios scenarios;

  @BeforeAll
  static void trainTokenizer() throws Exception {
    tokenizer = Sotu.trainTokenizer(shared, 4000);
    scenarios =
        new DocumentsOnceScenarios(
            STACK.admin(),
            prefix -> STACK.connection(prefix, 3),
            new BertWordPieces(tokenizer),
            5,
            shared);
  }

  @AfterAll
  static void closeTokenizer() {
    tokenizer.close();
  }

  @Test
  void shouldKeepDocumentsWaitingThroughARegistryOutageAndDeadLetterNone() throws Exception {
    List<RawDocument> documents = Sotu.documents(24);

    FaultScenarioRun run = scenarios.registryOutage("registry-outage", documents);

    assertThat(run.deadLetters()).as("documents dead-lettered").isZero();
    DocumentsOnceScenarios.assertEveryDocumentOnce(documents, run.committed());
    assertThat(run.recoveries()).hasSize(1);
    System.out.printf(
        "registry outage: %d documents in, %d examples committed, %d dead-lettered,"
            + " recovered in %s%n",
        run.documentsIn(), run.committed().size(), run.deadLetters(), run.recoveries().get(0));
  }

  @Test
  void shouldTurnDocumentsFedTwiceIntoOneSetOfExamplesAcrossARestart() throws Exception {
    FedTwiceRun run = scenarios.fedTwice("fed-twice", Sotu.documents(20));

    run.assertEachExampleOnce();
    System.out.println(run.describe());
  }
}
