package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.ingestor.KafkaIngest;
import io.bertstream.ingestor.http.ServeConfig;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.Topics;
import io.bertstream.stream.BertWordPieces;
import io.bertstream.stream.StreamTopics;
import io.bertstream.stream.TokenizerStream;
import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.TestExamples;
import io.bertstream.trainer.TestRuns;
import io.bertstream.trainer.TrainResult;
import io.bertstream.trainer.TrainerConfig;
import io.bertstream.trainer.TrainerService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard queries only what the services really export: the ingestor, the tokenizer-stream
 * and the trainer run on the embedded broker and registry with their ops servers, as their commands
 * run them; documents go in over HTTP and come out as trained steps and a checkpoint; then each
 * {@code /metrics} is scraped and every metric the dashboard's expressions name must be in a
 * scrape.
 */
class DashboardMetricsIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  /**
   * Long enough for Micrometer's Kafka binder, which looks for client metrics that appeared after
   * it was bound (the per-partition lag) once a minute.
   */
  private static final Duration METRICS_TIMEOUT = Duration.ofMinutes(4);

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final int DOCUMENTS = 24;

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void shouldQueryOnlyMetricsTheRunningServicesExport() throws Exception {
    GrafanaDashboard dashboard =
        GrafanaDashboard.parse(Repository.locate().read(Repository.locate().dashboard()));
    KafkaConnection connection = STACK.connection("dashboard", 2);
    Path vocab = TestExamples.writeVocab(dir);
    TrainerService trainer = new TrainerService();
    ExecutorService trainerThread = Executors.newSingleThreadExecutor();
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab);
        KafkaIngest.Serving ingest = KafkaIngest.serve(serveConfig(), connection);
        TokenizerStream stream = startStream(connection, vocab, tokenizer)) {
      Future<TrainResult> training =
          trainerThread.submit(() -> trainer.run(trainerConfig(connection, vocab)));
      try {
        assertThat(postDocuments(ingest.port()).statusCode()).isEqualTo(200);
        // A record no deserializer reads: the trainer skips it and counts why.
        producePoison(connection);
        int trainerPort = awaitTrainerOps(trainer, training);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("ingestor", "http://127.0.0.1:" + ingest.port() + "/metrics");
        endpoints.put("tokenizer-stream", "http://127.0.0.1:" + stream.opsPort() + "/metrics");
        endpoints.put("trainer", "http://127.0.0.1:" + trainerPort + "/metrics");

        Map<String, PrometheusText> scrapes =
            awaitEveryMetric(endpoints, dashboard.metricNames(), training);
        PrometheusText exported = PrometheusText.union(List.copyOf(scrapes.values()));

        assertThat(missing(dashboard.metricNames(), exported))
            .as("metrics the dashboard queries that no service exports")
            .isEmpty();
        assertThat(rateOfWhatDoesNotCount(dashboard, exported))
            .as("rate()/increase() of series that are not counters")
            .isEmpty();
        scrapes.forEach(
            (service, scrape) ->
                assertThat(dashboard.metricNames())
                    .as("the dashboard shows something of the %s", service)
                    .anyMatch(scrape::exports));
        assertThat(stream.examplesProduced())
            .as("the stream turned documents into examples")
            .isPositive();
      } finally {
        trainer.stop();
        training.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      trainerThread.shutdownNow();
    }
  }

  private static ServeConfig serveConfig() {
    return ServeConfig.defaults().withAddress("127.0.0.1", 0);
  }

  private TokenizerStream startStream(
      KafkaConnection connection, Path vocab, BertTokenizer tokenizer) throws InterruptedException {
    TokenizerStreamConfig config =
        TokenizerStreamConfig.of(connection, vocab)
            // The trainer's tiny model takes 64 positions.
            .withRecipe(RecipeConfig.defaults().withMaxSeqLength(64))
            .withStateDir(dir.resolve("stream"))
            .withOps(new OpsSettings("127.0.0.1", 0));
    TokenizerStream stream =
        TokenizerStream.start(
            config,
            new BertWordPieces(tokenizer),
            StreamTopics.from(Topics.create(connection)),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    assertThat(stream.awaitRunning(START_TIMEOUT)).as("the stream reached RUNNING").isTrue();
    return stream;
  }

  private TrainerConfig trainerConfig(KafkaConnection connection, Path vocab) {
    return TestRuns.config(connection, vocab, dir.resolve("checkpoints"), 0)
        .checkpointEvery(2)
        .idleTimeout(METRICS_TIMEOUT.plus(START_TIMEOUT))
        .ops(new OpsSettings("127.0.0.1", 0))
        .build();
  }

  /** Documents of sentences in the tiny vocabulary's words, one JSON object a line. */
  private HttpResponse<String> postDocuments(int port) throws IOException, InterruptedException {
    Random random = new Random(TestRuns.SEED);
    StringBuilder body = new StringBuilder();
    for (int d = 0; d < DOCUMENTS; d++) {
      StringBuilder text = new StringBuilder();
      for (int s = 0; s < 12; s++) {
        for (int w = 0; w < 6 + random.nextInt(6); w++) {
          text.append(w == 0 ? "" : " ")
              .append(TestExamples.word(random.nextInt(TestExamples.WORDS)));
        }
        text.append(". ");
      }
      body.append(
          String.format(
              Locale.ROOT, "{\"id\":\"doc-%d\",\"text\":\"%s\"}%n", d, text.toString().strip()));
    }
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/documents"))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void producePoison(KafkaConnection connection) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            connection.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  connection.topics().examples(), 0, null, new byte[] {0, 0, 0, 0, 99, 1, 2}))
          .get();
    }
  }

  /** The trainer's ops port once it serves, failing at once if training stopped instead. */
  private static int awaitTrainerOps(TrainerService trainer, Future<TrainResult> training)
      throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (trainer.opsPort() < 0) {
      if (training.isDone()) {
        training.get();
        throw new AssertionError("the trainer stopped before it served /metrics");
      }
      assertThat(System.nanoTime()).as("the trainer serves /metrics").isLessThan(deadline);
      Thread.sleep(100);
    }
    return trainer.opsPort();
  }

  /**
   * Scrapes every endpoint until together they export every name in {@code wanted} (some meters
   * exist only once there was work, and the per-partition lag only once Micrometer's Kafka binder
   * looked again), or the time is up; returns the last scrapes either way.
   */
  private Map<String, PrometheusText> awaitEveryMetric(
      Map<String, String> endpoints, Set<String> wanted, Future<TrainResult> training)
      throws Exception {
    long deadline = System.nanoTime() + METRICS_TIMEOUT.toNanos();
    while (true) {
      Map<String, PrometheusText> scrapes = new LinkedHashMap<>();
      for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(endpoint.getValue())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(endpoint.getKey() + " /metrics").isEqualTo(200);
        scrapes.put(endpoint.getKey(), PrometheusText.parse(response.body()));
      }
      PrometheusText all = PrometheusText.union(List.copyOf(scrapes.values()));
      if (missing(wanted, all).isEmpty() || System.nanoTime() > deadline || training.isDone()) {
        return scrapes;
      }
      Thread.sleep(1000);
    }
  }

  private static Set<String> missing(Set<String> wanted, PrometheusText exported) {
    Set<String> missing = new TreeSet<>();
    for (String name : wanted) {
      if (!exported.exports(name)) {
        missing.add(name);
      }
    }
    return missing;
  }

  private static List<String> rateOfWhatDoesNotCount(
      GrafanaDashboard dashboard, PrometheusText exported) {
    List<String> wrong = new ArrayList<>();
    for (String expression : dashboard.expressions()) {
      for (PromQl.Selector selector : PromQl.selectors(expression)) {
        if (DashboardTest.COUNTER_FUNCTIONS.contains(selector.function())
            && !exported.counts(selector.metric())) {
          wrong.add(selector.function() + "(" + selector.metric() + ")");
        }
      }
    }
    return wrong;
  }
}
