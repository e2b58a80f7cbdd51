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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tokenizer stream on the real embedded broker, fed with State of the Union addresses. */
class TokenizerStreamIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  @TempDir static Path shared;

  private static BertTokenizer tokenizer;
  private static WordPieces wordPieces;

  @TempDir Path dir;

  @BeforeAll
  static void trainTokenizer() throws Exception {
    tokenizer = Sotu.trainTokenizer(shared, 8000);
    wordPieces = new BertWordPieces(tokenizer);
  }

  @AfterAll
  static void closeTokenizer() {
    tokenizer.close();
  }

  private TokenizerStreamConfig config(
      KafkaConnection connection, RecipeConfig recipe, String instance, int opsPort) {
    // A stopped instance is noticed after the session timeout: keep it short here.
    KafkaConnection fastGroup =
        connection.withClientProperties(
            Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
    return TokenizerStreamConfig.of(fastGroup, null)
        .withRecipe(recipe)
        .withStateDir(dir.resolve(instance))
        .withOps(new OpsSettings("127.0.0.1", opsPort));
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

  @Test
  void shouldKeepEveryRecipePromiseOnSotuThroughTheBroker() throws Exception {
    KafkaConnection connection = STACK.connection("stats", 6);
    RecipeConfig recipe = RecipeConfig.defaults();
    List<RawDocument> documents = Sotu.documents(Integer.getInteger("bertstream.sotu.docs", 120));
    StackClient client = new StackClient(connection, STACK.admin());
    client.produce(documents);
    client.produceRaw("corrupt", "not avro".getBytes(StandardCharsets.UTF_8));
    TokenizerStreamConfig config = config(connection, recipe, "single", 0);
    List<ConsumerRecord<String, byte[]>> records;
    try (TokenizerStream stream = start(config)) {
      records =
          client.readAllCommitted(
              config.applicationId(),
              List.of(connection.topics().examples(), connection.topics().examplesEval()));
      String base = "http://127.0.0.1:" + stream.opsPort();
      assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
      String metrics = get(base + "/metrics").body();
      assertThat(metrics)
          .contains("bertstream_tokenize_documents_total")
          .contains("bertstream_tokenize_examples_total")
          .contains("bertstream_tokenize_tokens_total")
          .contains("bertstream_dlq_records_total{reason=\"undecodable\",stage=\"tokenize\"} 1.0")
          .contains("kafka_stream");
    }
    List<PretrainingExample> examples = client.examples(records);
    new ExampleChecks(recipe, wordPieces, documents).assertAll(examples);
    assertThat(examples.stream().map(PretrainingExample::getDocId).distinct())
        .hasSize(documents.size());
    assertThat(examples.stream().map(PretrainingExample::getId).distinct())
        .hasSize(examples.size());
  }

  @Test
  void shouldProduceTheSameExamplesWithOneOrThreeInstancesAndARestart() throws Exception {
    RecipeConfig recipe = RecipeConfig.defaults().withSeed(9);
    List<RawDocument> documents = Sotu.documents(40);
    List<RawDocument> firstHalf = documents.subList(0, 20);
    List<RawDocument> secondHalf = documents.subList(20, 40);

    KafkaConnection one = STACK.connection("single-instance", 6);
    StackClient oneClient = new StackClient(one, STACK.admin());
    oneClient.produce(documents);
    List<PretrainingExample> fromOne;
    TokenizerStreamConfig oneConfig = config(one, recipe, "one", -1);
    try (TokenizerStream stream = start(oneConfig)) {
      fromOne =
          oneClient.examples(oneClient.readAllCommitted(oneConfig.applicationId(), outputs(one)));
    }

    KafkaConnection three = STACK.connection("three-instances", 6);
    StackClient threeClient = new StackClient(three, STACK.admin());
    threeClient.produce(firstHalf);
    TokenizerStreamConfig a = config(three, recipe, "a", -1);
    TokenizerStreamConfig b = config(three, recipe, "b", -1);
    TokenizerStreamConfig c = config(three, recipe, "c", -1);
    List<PretrainingExample> fromThree;
    try (TokenizerStream first = start(a);
        TokenizerStream third = start(c)) {
      // Let the three share the first half, then stop one mid-stream and bring it back.
      try (TokenizerStream second = start(b)) {
        threeClient.readAllCommitted(a.applicationId(), outputs(three));
      }
      threeClient.produce(secondHalf);
      try (TokenizerStream restarted = start(b)) {
        fromThree =
            threeClient.examples(threeClient.readAllCommitted(a.applicationId(), outputs(three)));
      }
    }
    assertThat(fromOne).hasSizeGreaterThan(100);
    assertThat(fromOne.stream().map(PretrainingExample::getDocId).distinct()).hasSize(40);
    assertThat(ids(fromThree)).isEqualTo(ids(fromOne));
    assertThat(sorted(fromThree)).isEqualTo(sorted(fromOne));
  }

  private static List<String> outputs(KafkaConnection connection) {
    return List.of(connection.topics().examples(), connection.topics().examplesEval());
  }

  private static List<String> ids(List<PretrainingExample> examples) {
    return examples.stream().map(PretrainingExample::getId).sorted().toList();
  }

  private static List<PretrainingExample> sorted(List<PretrainingExample> examples) {
    List<PretrainingExample> copy = new ArrayList<>(examples);
    copy.sort(Comparator.comparing(PretrainingExample::getId));
    return copy;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
