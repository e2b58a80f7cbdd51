package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.registry.EmbeddedSchemaRegistry;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.Topics;
import io.bertstream.stream.recipe.RecipeConfig;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every document becomes examples once, on the real embedded broker and registry, with one instance
 * in the test's JVM: through a schema registry outage, and when the same documents are fed twice.
 * The suite runs these on a few documents, the reliability profile on the whole corpus.
 */
final class DocumentsOnceScenarios {

  static final String REGISTRY_OUTAGE = "tokenizer-stream: schema registry unreachable for a while";
  static final String FED_TWICE = "tokenizer-stream: documents fed twice";

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http = HttpClient.newHttpClient();
  private final Admin admin;
  private final Function<String, KafkaConnection> connections;
  private final WordPieces wordPieces;
  private final long seed;
  private final Path workDir;

  /**
   * @param admin the shared stack's admin client
   * @param connections the shared stack's topics for a prefix
   * @param wordPieces the tokenizer every instance uses (the caller owns it)
   */
  DocumentsOnceScenarios(
      Admin admin,
      Function<String, KafkaConnection> connections,
      WordPieces wordPieces,
      long seed,
      Path workDir) {
    this.admin = admin;
    this.connections = connections;
    this.wordPieces = wordPieces;
    this.seed = seed;
    this.workDir = workDir;
  }

  /**
   * The stream starts while its registry (a second one over the same broker, so the same schema
   * ids) is down, with half the documents waiting; the outage shows in health and metrics, the
   * other half arrives, and the registry comes back on the same port. The recovery runs from its
   * return until every document is committed.
   */
  FaultScenarioRun registryOutage(String prefix, List<RawDocument> documents) throws Exception {
    KafkaConnection connection = connections.apply(prefix);
    StackClient client = new StackClient(connection, admin);
    EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.start(connection.bootstrapServers(), 0);
    int port = registry.port();
    registry.close();
    KafkaConnection streamSide =
        connection.withEndpoints(connection.bootstrapServers(), "http://127.0.0.1:" + port);
    TokenizerStreamConfig config = config(streamSide, prefix);
    int half = documents.size() / 2;

    client.produce(documents.subList(0, half));
    List<ConsumerRecord<String, byte[]>> records;
    Duration recovery;
    try (TokenizerStream stream = start(config)) {
      String ops = "http://127.0.0.1:" + stream.opsPort();
      Eventually.await("the outage shows", TIMEOUT, () -> stream.registryOutages() > 0);
      assertThat(status(ops + "/health/ready")).isEqualTo(503);
      assertThat(body(ops + "/metrics"))
          .contains("bertstream_tokenize_registry_outages_total 1.0")
          .contains("bertstream_tokenize_registry_waiting 1.0");
      client.produce(documents.subList(half, documents.size()));
      assertThat(client.caughtUp(config.applicationId())).isFalse();

      registry = EmbeddedSchemaRegistry.start(connection.bootstrapServers(), port);
      try {
        Instant back = Instant.now();
        recovery =
            Duration.between(
                back,
                client.awaitCaughtUp(
                    config.applicationId(), StreamFaultScenarios.RECOVERY_TIMEOUT));
        records =
            client.readAllCommitted(
                config.applicationId(),
                List.of(
                    connection.topics().examples(),
                    connection.topics().examplesEval(),
                    connection.topics().docsDlq()));
        Eventually.await("ready again", TIMEOUT, () -> status(ops + "/health/ready") == 200);
        assertThat(body(ops + "/metrics")).contains("bertstream_tokenize_registry_waiting 0.0");
      } finally {
        registry.close();
      }
    }
    return FaultScenarioRun.of(
        REGISTRY_OUTAGE,
        documents.size(),
        connection,
        client,
        records,
        List.of(recovery),
        Map.of(),
        Map.of());
  }

  /**
   * The documents, then the same documents again plus the first one with a sentence added, to a new
   * instance with an empty state dir: what it remembers comes back from the changelog. The second
   * pass runs from that instance's start until it has committed everything.
   */
  FedTwiceRun fedTwice(String prefix, List<RawDocument> documents) throws Exception {
    KafkaConnection connection = connections.apply(prefix);
    StackClient client = new StackClient(connection, admin);
    List<String> outputs =
        List.of(connection.topics().examples(), connection.topics().examplesEval());
    client.produce(documents);
    TokenizerStreamConfig first = config(connection, prefix + "-first");
    List<PretrainingExample> once;
    try (TokenizerStream stream = start(first)) {
      once = client.examples(client.readAllCommitted(first.applicationId(), outputs));
    }

    RawDocument changed =
        RawDocument.newBuilder(documents.get(0))
            .setText(documents.get(0).getText() + "\n\nWe add one sentence to this address.")
            .build();
    client.produce(documents);
    client.produce(List.of(changed));
    TokenizerStreamConfig second = config(connection, prefix + "-second");
    Instant started = Instant.now();
    try (TokenizerStream stream = start(second)) {
      Duration secondPass =
          Duration.between(
              started,
              client.awaitCaughtUp(second.applicationId(), StreamFaultScenarios.RECOVERY_TIMEOUT));
      List<PretrainingExample> all =
          client.examples(client.readAllCommitted(second.applicationId(), outputs));
      return new FedTwiceRun(documents, changed, once, all, stream.duplicates(), secondPass);
    }
  }

  /** Each document has examples {@code <id>/0..n-1}: none missing, none twice. */
  static void assertEveryDocumentOnce(
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
                    IntStream.range(0, ids.size()).mapToObj(n -> docId + "/" + n).toList()));
  }

  private TokenizerStreamConfig config(KafkaConnection connection, String instance) {
    // A failed stream thread's place in the group is freed after the session timeout: keep it
    // short here.
    return TokenizerStreamConfig.of(connection.withClientProperties(FaultChild.FAST_GROUP), null)
        .withRecipe(RecipeConfig.defaults().withSeed(seed))
        .withStateDir(workDir.resolve(instance + "-state"))
        .withOps(new OpsSettings("127.0.0.1", 0));
  }

  private TokenizerStream start(TokenizerStreamConfig config) {
    return TokenizerStream.start(
        config,
        wordPieces,
        StreamTopics.from(Topics.create(config.connection())),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private int status(String url) {
    return get(url).statusCode();
  }

  private String body(String url) {
    return get(url).body();
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
