package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.Topics;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.tokenizer.BertTokenizer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dupe-factor} on the real embedded broker: the same addresses with one copy and with
 * three, the latter twice (the second time on two instances, one stopped mid-stream and started
 * again), everything read with read_committed.
 */
class DupeFactorIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  /** A fifth of the addresses held out, so that a few of the 20 are eval documents. */
  private static final RecipeConfig RECIPE =
      RecipeConfig.defaults().withSeed(3).withEvalFraction(0.2);

  @TempDir static Path shared;

  private static BertTokenizer tokenizer;
  private static WordPieces wordPieces;

  @TempDir Path dir;

  @BeforeAll
  static void trainTokenizer() throws Exception {
    tokenizer = Sotu.trainTokenizer(shared, 4000);
    wordPieces = new BertWordPieces(tokenizer);
  }

  @AfterAll
  static void closeTokenizer() {
    tokenizer.close();
  }

  @Test
  void shouldMaskEveryTrainingDocumentThreeTimesOnceEachAndHoldOutEvalOnce() throws Exception {
    List<RawDocument> documents = Sotu.documents(20);
    EvalSplit split = new EvalSplit(RECIPE.evalFraction());
    Set<String> evalDocs =
        documents.stream()
            .map(RawDocument::getId)
            .filter(split::isEval)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(evalDocs).as("eval documents among the 20").isNotEmpty().hasSizeLessThan(20);

    Committed one = runOnce("dupe-one", documents, RECIPE);
    Committed three = runOnce("dupe-three", documents, RECIPE.withDupeFactor(3));
    Committed again = runWithARestart("dupe-three-again", documents, RECIPE.withDupeFactor(3));

    // Ids stay distinct: every example once, across both topics.
    for (Committed run : List.of(one, three, again)) {
      assertThat(ids(run.all())).doesNotHaveDuplicates();
    }
    // Deterministic: the same examples, byte for byte, on another run with a restart.
    assertThat(sorted(again.train())).isEqualTo(sorted(three.train()));
    assertThat(sorted(again.eval())).isEqualTo(sorted(three.eval()));

    // Held-out documents are not copied: their examples are exactly the one-copy run's.
    assertThat(sorted(three.eval())).isNotEmpty().isEqualTo(sorted(one.eval()));
    assertThat(three.eval()).allMatch(e -> evalDocs.contains(e.getDocId()));

    // Copy 0 of each training document is what one copy gives; copies 1 and 2 come on top.
    assertThat(sorted(copy(three.train(), 0))).isEqualTo(sorted(one.train()));
    Map<String, Map<Integer, List<PretrainingExample>>> copies = byDocumentAndCopy(three.train());
    assertThat(copies.keySet())
        .containsExactlyInAnyOrderElementsOf(
            documents.stream()
                .map(RawDocument::getId)
                .filter(id -> !evalDocs.contains(id))
                .toList());
    copies.forEach(
        (docId, byCopy) -> {
          assertThat(byCopy.keySet()).as(docId).containsExactly(0, 1, 2);
          byCopy.forEach(
              (copy, examples) ->
                  assertThat(ids(examples))
                      .as("%s copy %d", docId, copy)
                      .containsExactlyInAnyOrderElementsOf(
                          IntStream.range(0, examples.size())
                              .mapToObj(n -> label(docId, copy) + "/" + n)
                              .toList()));
        });
    // Three times the examples, up to the copies' own packing choices (short targets, sentences
    // put back after a random B), which change how many chunks a copy cuts.
    double ratio = (double) three.train().size() / one.train().size();
    assertThat(ratio).isBetween(2.7, 3.3);

    // The copies differ: masks, and which pairs are random-next and with which B.
    long aligned = 0;
    long sameMask = 0;
    long otherB = 0;
    for (Map<Integer, List<PretrainingExample>> byCopy : copies.values()) {
      List<PretrainingExample> first = sortedByIndex(byCopy.get(0));
      for (int copy = 1; copy <= 2; copy++) {
        List<PretrainingExample> other = sortedByIndex(byCopy.get(copy));
        assertThat(other).isNotEqualTo(first);
        for (int n = 0; n < Math.min(first.size(), other.size()); n++) {
          aligned++;
          if (other.get(n).getMaskedPositions().equals(first.get(n).getMaskedPositions())) {
            sameMask++;
          }
          if (!other.get(n).getBDocId().equals(first.get(n).getBDocId())) {
            otherB++;
          }
        }
      }
    }
    System.out.printf(
        "dupe factor 3: %d training examples against %d with one copy (%.3fx), %d eval in both;"
            + " of %d aligned pairs of copies %d masked alike, %d with another B%n",
        three.train().size(),
        one.train().size(),
        ratio,
        three.eval().size(),
        aligned,
        sameMask,
        otherB);
    assertThat((double) sameMask / aligned).as("aligned examples masked alike").isLessThan(0.02);
    assertThat((double) otherB / aligned).as("aligned examples with another B").isGreaterThan(0.3);

    // And the copies keep every promise of the recipe (NSP 50/50, 15% masked, 80/10/10, ...).
    new ExampleChecks(RECIPE, wordPieces, documents).assertAll(three.all());
  }

  /** What a run committed to the examples and eval topics. */
  private record Committed(List<PretrainingExample> train, List<PretrainingExample> eval) {
    List<PretrainingExample> all() {
      return Stream.concat(train.stream(), eval.stream()).toList();
    }
  }

  private Committed runOnce(String prefix, List<RawDocument> documents, RecipeConfig recipe)
      throws Exception {
    KafkaConnection connection = STACK.connection(prefix, 3);
    StackClient client = new StackClient(connection, STACK.admin());
    client.produce(documents);
    TokenizerStreamConfig config = config(connection, recipe, "single");
    try (TokenizerStream stream = start(config)) {
      return committed(client, connection, config);
    }
  }

  /** Two instances share the first half; one stops, the second half arrives, and it comes back. */
  private Committed runWithARestart(String prefix, List<RawDocument> documents, RecipeConfig recipe)
      throws Exception {
    KafkaConnection connection = STACK.connection(prefix, 3);
    StackClient client = new StackClient(connection, STACK.admin());
    int half = documents.size() / 2;
    client.produce(documents.subList(0, half));
    TokenizerStreamConfig a = config(connection, recipe, "a");
    TokenizerStreamConfig b = config(connection, recipe, "b");
    try (TokenizerStream first = start(a)) {
      try (TokenizerStream second = start(b)) {
        committed(client, connection, a);
      }
      client.produce(documents.subList(half, documents.size()));
      try (TokenizerStream restarted = start(b)) {
        return committed(client, connection, a);
      }
    }
  }

  private static Committed committed(
      StackClient client, KafkaConnection connection, TokenizerStreamConfig config)
      throws Exception {
    String trainTopic = connection.topics().examples();
    List<ConsumerRecord<String, byte[]>> records =
        client.readAllCommitted(
            config.applicationId(), List.of(trainTopic, connection.topics().examplesEval()));
    List<ConsumerRecord<String, byte[]>> train =
        records.stream().filter(r -> r.topic().equals(trainTopic)).toList();
    List<ConsumerRecord<String, byte[]>> eval =
        records.stream().filter(r -> !r.topic().equals(trainTopic)).toList();
    return new Committed(client.examples(train), client.examples(eval));
  }

  private TokenizerStreamConfig config(
      KafkaConnection connection, RecipeConfig recipe, String instance) {
    // A stopped instance is noticed after the session timeout: keep it short here.
    return TokenizerStreamConfig.of(connection.withClientProperties(FaultChild.FAST_GROUP), null)
        .withRecipe(recipe)
        .withStateDir(dir.resolve(connection.topics().prefix() + "-" + instance))
        .withOps(OpsSettings.OFF);
  }

  private static TokenizerStream start(TokenizerStreamConfig config) throws InterruptedException {
    TokenizerStream stream =
        TokenizerStream.start(
            config,
            wordPieces,
            StreamTopics.from(Topics.create(config.connection())),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    assertThat(stream.awaitRunning(START_TIMEOUT)).as("reached RUNNING").isTrue();
    return stream;
  }

  /** {@code <doc id>} for copy 0, {@code <doc id>#<k>} for copy k (every document here is v1). */
  private static String label(String docId, int copy) {
    return copy == 0 ? docId : docId + "#" + copy;
  }

  private static String labelOf(PretrainingExample example) {
    return example.getId().substring(0, example.getId().lastIndexOf('/'));
  }

  private static int copyOf(PretrainingExample example) {
    String label = labelOf(example);
    return label.equals(example.getDocId())
        ? 0
        : Integer.parseInt(label.substring(example.getDocId().length() + 1));
  }

  private static int indexOf(PretrainingExample example) {
    return Integer.parseInt(example.getId().substring(example.getId().lastIndexOf('/') + 1));
  }

  private static List<PretrainingExample> copy(List<PretrainingExample> examples, int copy) {
    return examples.stream().filter(e -> copyOf(e) == copy).toList();
  }

  private static Map<String, Map<Integer, List<PretrainingExample>>> byDocumentAndCopy(
      List<PretrainingExample> examples) {
    return examples.stream()
        .collect(
            Collectors.groupingBy(
                PretrainingExample::getDocId,
                TreeMap::new,
                Collectors.groupingBy(
                    DupeFactorIntegrationTest::copyOf, TreeMap::new, Collectors.toList())));
  }

  private static List<String> ids(List<PretrainingExample> examples) {
    return examples.stream().map(PretrainingExample::getId).toList();
  }

  private static List<PretrainingExample> sorted(List<PretrainingExample> examples) {
    List<PretrainingExample> copy = new ArrayList<>(examples);
    copy.sort(Comparator.comparing(PretrainingExample::getId));
    return copy;
  }

  private static List<PretrainingExample> sortedByIndex(List<PretrainingExample> examples) {
    List<PretrainingExample> copy = new ArrayList<>(examples);
    copy.sort(Comparator.comparingInt(DupeFactorIntegrationTest::indexOf));
    return copy;
  }
}
