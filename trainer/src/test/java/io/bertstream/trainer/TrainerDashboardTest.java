package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.trainer.dashboard.HeadlessChromium;
import io.bertstream.trainer.history.Baseline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a real trainer, loaded in a real headless browser while the run trains: the page
 * draws every step of this run and of the run before it on the same checkpoint directory.
 */
class TrainerDashboardTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final String PROBE = "aa ab [MASK] ac";
  private static final long PAUSED_AT = 6;

  @TempDir Path dir;

  @Test
  void shouldDrawEveryStepOfTheRunAndTheRunBeforeItInAHeadlessBrowser() throws Exception {
    Optional<HeadlessChromium> found = HeadlessChromium.find();
    assumeTrue(
        found.isPresent(), "no browser test: -D" + HeadlessChromium.PROPERTY + "=none was given");
    HeadlessChromium chromium = found.get();
    KafkaConnection connection = TestRuns.connect(STACK, "dashboard", 2);
    Path vocab = TestExamples.writeVocab(dir);
    String tokenizerId = TestRuns.fingerprint(vocab);
    TestRuns.produce(
        connection, connection.topics().examples(), TestRuns.examples(tokenizerId, 32), 2);
    TestRuns.produce(
        connection, connection.topics().examplesEval(), TestRuns.examples(tokenizerId, 6), 2);
    Path checkpointDir = dir.resolve("ckpt");
    // The run before: steps 1-4, evaluations at 2 and 4, its final checkpoint at 4.
    new TrainerService().run(config(connection, vocab, checkpointDir, 4).build());
    new Baseline(4.25, "unigram (test)").write(checkpointDir);

    // This run holds still after step 6 (and its evaluation) until the browser has looked.
    CompletableFuture<Void> paused = new CompletableFuture<>();
    CountDownLatch looked = new CountDownLatch(1);
    TrainingListener holdAtStep6 =
        new TrainingListener() {
          @Override
          public void statusReported(RunStatus status) {
            if (status.step() == PAUSED_AT) {
              paused.complete(null);
              try {
                looked.await(3, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    TrainerService service = new TrainerService();
    ExecutorService training = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<TrainResult> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return service.run(
                      config(connection, vocab, checkpointDir, 8)
                          .ops(new OpsSettings("127.0.0.1", 0))
                          .build(),
                      holdAtStep6);
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              },
              training);
      // Whichever comes first; a run that fails before step 6 fails the test with its cause.
      CompletableFuture.anyOf(paused, run).get(3, TimeUnit.MINUTES);
      assertThat(paused).as("the run reached step 6").isDone();
      URI page = URI.create("http://127.0.0.1:" + service.opsPort() + "/");

      JsonNode history = getJson(page.resolve("api/history"));
      assertThat(longs(history.at("/train/step"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
      assertThat(longs(history.at("/eval/step"))).containsExactly(2L, 4L, 6L);
      assertThat(longs(history.at("/checkpoints/step"))).containsExactly(4L);
      assertThat(history.at("/baseline/mlm_loss").asDouble()).isEqualTo(4.25);
      assertThat(history.at("/probes/step").asLong()).isEqualTo(PAUSED_AT);
      assertThat(history.at("/probes/probes/0/text").asText()).isEqualTo(PROBE);

      String dom = chromium.dumpDom(page, Duration.ofSeconds(8));

      assertThat(attribute(dom, "body", "state")).as("the page got its history").isEqualTo("live");
      assertThat(attribute(dom, "body", "step")).isEqualTo("6");
      assertThat(attribute(dom, "section id=\"loss\"", "points")).isEqualTo("6");
      assertThat(attribute(dom, "section id=\"loss\"", "smoothed-points")).isEqualTo("6");
      assertThat(attribute(dom, "section id=\"loss\"", "eval-points")).isEqualTo("3");
      assertThat(attribute(dom, "section id=\"loss\"", "baseline-points")).isEqualTo("6");
      assertThat(attribute(dom, "section id=\"loss\"", "checkpoint-marks")).isEqualTo("1");
      for (String chart : List.of("throughput", "input-wait", "lag")) {
        assertThat(attribute(dom, "section id=\"" + chart + "\"", "points"))
            .as(chart)
            .isEqualTo("6");
      }
      assertThat(attribute(dom, "section id=\"probes\"", "rows")).isEqualTo("1");
      assertThat(dom).contains(PROBE).contains("baseline 4.250", "unigram (test)");

      looked.countDown();
      assertThat(run.get(3, TimeUnit.MINUTES).step()).isEqualTo(8);
    } finally {
      looked.countDown();
      training.shutdownNow();
    }
  }

  private static TrainerConfig.Builder config(
      KafkaConnection connection, Path vocab, Path checkpointDir, long maxSteps) {
    return TestRuns.config(connection, vocab, checkpointDir, maxSteps)
        .evalEvery(2)
        .evalExamples(5)
        .probes(List.of(PROBE));
  }

  /** The value of {@code data-NAME} on the first tag that starts with {@code tag}. */
  private static String attribute(String dom, String tag, String name) {
    Matcher element = Pattern.compile("<" + Pattern.quote(tag) + "[^>]*>").matcher(dom);
    assertThat(element.find()).as("<" + tag + "> in the page").isTrue();
    Matcher value =
        Pattern.compile("\\sdata-" + Pattern.quote(name) + "=\"([^\"]*)\"")
            .matcher(element.group());
    assertThat(value.find()).as("data-" + name + " on " + element.group()).isTrue();
    return value.group(1);
  }

  private static JsonNode getJson(URI uri) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asLong()));
    return values;
  }
}
