package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.local.registry.EmbeddedSchemaRegistry;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.Topics;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.tokenizer.BertTokenizer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document becomes examples once, on the real embedded broker and registry: while the schema
 * registry is unreachable documents wait (none is dead-lettered), and when they come back they are
 * all turned into examples, each once.
 */
class DocumentsOnceIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

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

  private TokenizerStreamConfig config(KafkaConnection connection, String instance) {
    // A failed stream thread's place in the group is freed after the session timeout: keep it
    // short here.
    KafkaConnection fastGroup =
        connection.withClientProperties(
            Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
    return TokenizerStreamConfig.of(fastGroup, null)
        .withRecipe(RecipeConfig.defaults().withSeed(5))
        .withStateDir(dir.resolve(instance))
        .withOps(new OpsSettings("127.0.0.1", 0));
  }

  private static TokenizerStream start(TokenizerStreamConfig config) {
    return TokenizerStream.start(
        config,
        wordPieces,
        StreamTopics.from(Topics.create(config.connection())),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @Test
  void shouldKeepDocumentsWaitingThroughARegistryOutageAndDeadLetterNone() throws Exception {
    KafkaConnection connection = STACK.connection("registry-outage", 3);
    List<RawDocument> documents = Sotu.documents(24);
    StackClient client = new StackClient(connection, STACK.admin());
    // The stream talks to a registry of its own over the same broker (so the same schema ids),
    // which the test stops and starts again on the same port.
    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(STACK.bootstrapServers(), 0);
    int port = registry.port();
    registry.close();
    KafkaConnection streamSide =
        connection.withEndpoints(connection.bootstrapServers(), "http://127.0.0.1:" + port);
    TokenizerStreamConfig config = config(streamSide, "outage");

    client.produce(documents.subList(0, 12));
    List<ConsumerRecord<String, byte[]>> records;
    long outages;
    try (TokenizerStream stream = start(config)) {
      String ops = "http://127.0.0.1:" + stream.opsPort();
      Eventually.await("the outage shows", TIMEOUT, () -> stream.registryOutages() > 0);
      assertThat(status(ops + "/health/ready")).isEqualTo(503);
      assertThat(body(ops + "/metrics"))
          .contains("bertstream_tokenize_registry_outages_total 1.0")
          .contains("bertstream_tokenize_registry_waiting 1.0");
      client.produce(documents.subList(12, 24));
      assertThat(client.caughtUp(config.applicationId())).isFalse();

      registry = EmbeddedSchemaRegistry.start(STACK.bootstrapServers(), port);
      try {
        records =
            client.readAllCommitted(
                config.applicationId(),
                List.of(
                    connection.topics().examples(),
                    connection.topics().examplesEval(),
                    connection.topics().docsDlq()));
        Eventually.await("ready again", TIMEOUT, () -> status(ops + "/health/ready") == 200);
        assertThat(body(ops + "/metrics")).contains("bertstream_tokenize_registry_waiting 0.0");
        outages = stream.registryOutages();
      } finally {
        registry.close();
      }
    }

    List<ConsumerRecord<String, byte[]>> deadLetters =
        records.stream().filter(r -> r.topic().equals(connection.topics().docsDlq())).toList();
    List<PretrainingExample> examples =
        client.examples(
            records.stream()
                .filter(r -> !r.topic().equals(connection.topics().docsDlq()))
                .toList());
    assertThat(deadLetters).isEmpty();
    assertEveryDocumentOnce(documents, examples);
    System.out.printf(
        "registry outage: %d documents in, %d examples committed, %d dead-lettered,"
            + " %d outage(s) waited out%n",
        documents.size(), examples.size(), deadLetters.size(), outages);
  }

  @Test
  void shouldTurnDocumentsFedTwiceIntoOneSetOfExamplesAcrossARestart() throws Exception {
    KafkaConnection connection = STACK.connection("fed-twice", 3);
    List<RawDocument> documents = Sotu.documents(20);
    StackClient client = new StackClient(connection, STACK.admin());
    List<String> outputs =
        List.of(connection.topics().examples(), connection.topics().examplesEval());
    client.produce(documents);
    TokenizerStreamConfig first = config(connection, "first");
    List<PretrainingExample> once;
    try (TokenizerStream stream = start(first)) {
      once = client.examples(client.readAllCommitted(first.applicationId(), outputs));
    }

    // The same corpus again, one address with a sentence added, and a new instance with an empty
    // state dir: what it remembers comes back from the changelog.
    RawDocument changed =
        RawDocument.newBuilder(documents.get(0))
            .setText(documents.get(0).getText() + "\n\nWe add one sentence to this address.")
            .build();
    client.produce(documents);
    client.produce(List.of(changed));
    TokenizerStreamConfig second = config(connection, "second");
    List<PretrainingExample> all;
    long duplicates;
    try (TokenizerStream stream = start(second)) {
      all = client.examples(client.readAllCommitted(second.applicationId(), outputs));
      duplicates = stream.duplicates();
    }

    List<PretrainingExample> firstVersions =
        all.stream().filter(e -> !e.getId().contains("@v")).toList();
    List<PretrainingExample> newVersions =
        all.stream().filter(e -> e.getId().contains("@v")).toList();
    assertThat(firstVersions).containsExactlyInAnyOrderElementsOf(once);
    assertEveryDocumentOnce(documents, firstVersions);
    assertThat(newVersions)
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.getDocId()).isEqualTo(changed.getId());
              assertThat(e.getId()).startsWith(changed.getId() + "@v2/");
            });
    assertThat(all.stream().map(PretrainingExample::getId)).doesNotHaveDuplicates();
    assertThat(duplicates).isEqualTo(documents.size());
    System.out.printf(
        "fed twice: %d documents, then the same %d plus 1 changed; %d examples committed"
            + " (%d distinct ids; %d of the changed document's new version);"
            + " %d repeats skipped%n",
        documents.size(),
        documents.size(),
        all.size(),
        all.stream().map(PretrainingExample::getId).distinct().count(),
        newVersions.size(),
        duplicates);
  }

  /** Each document has examples {@code <id>/0..n-1}: none missing, none twice. */
  private static void assertEveryDocumentOnce(
      List<RawDocument> documents, List<PretrainingExample> examples) {
    Map<String, List<String>> idsByDocument =
        examples.stream()
            .collect(
                Collectors.groupingBy(
                    PretrainingExample::getDocId,
                    TreeMap::new,
                    Collectors.mapping(PretrainingExample::getId, Collectors.toList())));
    assertThat(idsByDocument.keySet())
        .containsExactlyInAnyOrderElementsOf(documents.stream().map(RawDocument::getId).toList());
    idsByDocument.forEach(
        (docId, ids) ->
            assertThat(ids)
                .as(docId)
                .containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, ids.size())
                        .mapToObj(n -> docId + "/" + n)
                        .toList()));
  }

  private static int status(String url) {
    return get(url).statusCode();
  }

  private static String body(String url) {
    return get(url).body();
  }

  private static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
