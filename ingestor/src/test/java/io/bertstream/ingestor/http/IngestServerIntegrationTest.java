package io.bertstream.ingestor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.KafkaIngest;
import io.bertstream.ingestor.TopicContents;
import io.bertstream.ingestor.publish.DocumentIds;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IngestServerIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final String TOKEN = "s3cret-token";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private static final ServeConfig LOCAL =
      ServeConfig.defaults().withAddress("127.0.0.1", 0).withMaxRequestBytes(64 * 1024);

  private static KafkaIngest.Serving serve(KafkaConnection connection, Optional<String> token) {
    return KafkaIngest.serve(token.map(LOCAL::withAuthToken).orElse(LOCAL), connection);
  }

  private HttpResponse<String> post(
      KafkaIngest.Serving server, String contentType, String body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/documents"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(KafkaIngest.Serving server, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<String> ids(HttpResponse<String> response) throws IOException {
    List<String> ids = new ArrayList<>();
    json.readTree(response.body()).get("ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static List<RawDocument> docs(KafkaConnection connection) {
    return TopicContents.readAll(connection, Topics.create(connection).docs()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  @Test
  void shouldAnswerWithIdsOfDocumentsAlreadyInKafkaForEveryContentType() throws Exception {
    KafkaConnection connection = STACK.connection("http-open");
    try (KafkaIngest.Serving server = serve(connection, Optional.empty())) {
      HttpResponse<String> object =
          post(
              server, "application/json", "{\"id\":\"o1\",\"text\":\"one\",\"lang\":\"en\"}", null);
      HttpResponse<String> array =
          post(
              server,
              "application/json; charset=utf-8",
              "[{\"text\":\"two\"},{\"id\":\"a3\",\"text\":\"three\"},{\"text\":\"  \"}]",
              null);
      HttpResponse<String> lines =
          post(
              server, "application/x-ndjson", "{\"text\":\"four\"}\n\n{\"text\":\"five\"}\n", null);
      HttpResponse<String> plain = post(server, "text/plain", "six", null);

      assertThat(List.of(object, array, lines, plain))
          .extracting(HttpResponse::statusCode)
          .containsOnly(200);
      assertThat(ids(object)).containsExactly("o1");
      assertThat(ids(array)).containsExactly(DocumentIds.contentId("two"), "a3");
      assertThat(json.readTree(array.body()).get("skipped_empty").asInt()).isEqualTo(1);
      assertThat(ids(lines))
          .containsExactly(DocumentIds.contentId("four"), DocumentIds.contentId("five"));
      assertThat(ids(plain)).containsExactly(DocumentIds.contentId("six"));
      // 200 came after the acknowledgements: the documents are readable right away.
      List<RawDocument> docs = docs(connection);
      assertThat(docs)
          .extracting(RawDocument::getText)
          .containsExactlyInAnyOrder("one", "two", "three", "four", "five", "six");
      assertThat(docs).allSatisfy(d -> assertThat(d.getSource()).isEqualTo("http"));

      String scrape = get(server, "/metrics").body();
      assertThat(scrape).contains("bertstream_ingest_documents_published_total 6.0");
      assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldRefuseBadRequestsWholeWithAReason() throws Exception {
    KafkaConnection connection = STACK.connection("http-bad");
    try (KafkaIngest.Serving server = serve(connection, Optional.empty())) {
      HttpResponse<String> broken = post(server, "application/json", "{\"text\": \"x", null);
      HttpResponse<String> missing =
          post(server, "application/json", "[{\"text\":\"fine\"},{\"title\":\"no text\"}]", null);
      HttpResponse<String> badLine =
          post(server, "application/x-ndjson", "{\"text\":\"ok\"}\nnot json\n", null);
      HttpResponse<String> tooBig = post(server, "text/plain", "x".repeat(64 * 1024 + 1), null);
      HttpResponse<String> unsupported = post(server, "application/xml", "<doc/>", null);

      assertThat(broken.statusCode()).isEqualTo(400);
      assertThat(json.readTree(broken.body()).get("error").asText()).contains("closing quote");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("item 1").contains("no 'text' field");
      assertThat(badLine.statusCode()).isEqualTo(400);
      assertThat(badLine.body()).contains("line 2");
      assertThat(tooBig.statusCode()).isEqualTo(413);
      assertThat(unsupported.statusCode()).isEqualTo(415);
      // Nothing of a refused request was published, not even its good half.
      assertThat(docs(connection)).isEmpty();
    }
  }

  @Test
  void shouldRequireTheBearerTokenWhenOneIsConfigured() throws Exception {
    KafkaConnection connection = STACK.connection("http-token");
    try (KafkaIngest.Serving server = serve(connection, Optional.of(TOKEN))) {
      HttpResponse<String> none = post(server, "text/plain", "no token", null);
      HttpResponse<String> wrong = post(server, "text/plain", "wrong", "Bearer not-the-token");
      HttpResponse<String> right = post(server, "text/plain", "right", "Bearer " + TOKEN);

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(docs(connection)).extracting(RawDocument::getText).containsExactly("right");
      assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("bertstream_ingest_http_requests_refused_total{reason=\"unauthorized\"} 2.0");
    }
  }

  @Test
  void shouldAnswer401BeforeReadingTheBodyAnd413OnlyToTheTokenHolder() throws Exception {
    KafkaConnection connection = STACK.connection("http-size");
    try (KafkaIngest.Serving server = serve(connection, Optional.of(TOKEN))) {
      String tooBig = "x".repeat(64 * 1024 + 1);
      HttpResponse<String> stranger = post(server, "text/plain", tooBig, null);
      HttpResponse<String> holder = post(server, "text/plain", tooBig, "Bearer " + TOKEN);
      HttpResponse<String> justFits =
          post(server, "text/plain", "y".repeat(64 * 1024), "Bearer " + TOKEN);

      assertThat(stranger.statusCode()).isEqualTo(401);
      assertThat(holder.statusCode()).isEqualTo(413);
      assertThat(json.readTree(holder.body()).get("error").asText())
          .isEqualTo("request body over the limit of 65536 bytes");
      assertThat(justFits.statusCode()).isEqualTo(200);
      assertThat(docs(connection))
          .extracting(RawDocument::getText)
          .containsExactly("y".repeat(64 * 1024));
    }
  }

  @Test
  void shouldRefuseAClientOverItsRateWith429AndRetryAfterButNeverTheProbes() throws Exception {
    KafkaConnection connection = STACK.connection("http-rate");
    // One request a minute after a burst of two: the test cannot be slow enough to see a refill.
    ServeConfig config = LOCAL.withAuthToken(TOKEN).withRateLimit(RateLimit.parse("1/m", 2L));
    try (KafkaIngest.Serving server = KafkaIngest.serve(config, connection)) {
      String bearer = "Bearer " + TOKEN;
      HttpResponse<String> first = post(server, "text/plain", "first", bearer);
      HttpResponse<String> second = post(server, "text/plain", "second", bearer);
      HttpResponse<String> third = post(server, "text/plain", "third", bearer);
      HttpResponse<String> guess = post(server, "text/plain", "guess", "Bearer guessed");

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(third.statusCode()).isEqualTo(429);
      long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 60L);
      assertThat(json.readTree(third.body()).get("error").asText())
          .isEqualTo("over the limit of 1 requests/m per client; retry after " + retryAfter + " s");
      // Wrong tokens are throttled too: guessing costs a token of the bucket.
      assertThat(guess.statusCode()).isEqualTo(429);
      for (int i = 0; i < 5; i++) {
        assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
      }
      assertThat(get(server, "/metrics").body())
          .contains("bertstream_ingest_http_requests_refused_total{reason=\"rate_limited\"} 2.0");
      assertThat(docs(connection))
          .extracting(RawDocument::getText)
          .containsExactlyInAnyOrder("first", "second");
    }
  }
}
