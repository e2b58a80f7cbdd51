package io.bertstream.trainer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.runtime.OpsServer;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StepJournal;
import io.bertstream.trainer.input.OffsetRange;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's routes on an ops server, over journals written here. */
class DashboardTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeThePageUplotTheHistoryAndStillTheOpsRoutes() throws Exception {
    try (StepJournal<LedgerEntry> ledger = StepJournal.open(dir.resolve(LedgerEntry.FILE), 0)) {
      for (long step = 1; step <= 3; step++) {
        ledger.append(
            new LedgerEntry(
                step, new TreeMap<>(Map.of(0, new OffsetRange(step, step))), 4, 7.0 - step));
      }
    }
    try (OpsServer server =
        OpsServer.start(
            new OpsSettings("127.0.0.1", 0),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true,
            Dashboard.of(dir)::addTo)) {
      URI base = URI.create("http://127.0.0.1:" + server.port() + "/");

      HttpResponse<String> page = get(base);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("uplot/uPlot.iife.min.js", "dashboard.js");
      HttpResponse<String> uplot = get(base.resolve("uplot/uPlot.iife.min.js"));
      assertThat(uplot.statusCode()).isEqualTo(200);
      assertThat(uplot.body()).contains("uPlot");
      assertThat(get(base.resolve("dashboard.js")).body()).contains("api/history");

      HttpResponse<String> history = get(base.resolve("api/history"));
      assertThat(history.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode json = new ObjectMapper().readTree(history.body());
      assertThat(json.at("/train/step").toString()).isEqualTo("[1,2,3]");
      assertThat(json.at("/train/loss").toString()).isEqualTo("[6.0,5.0,4.0]");
      assertThat(json.at("/train/tokens_per_second").toString())
          .as("no steps.jsonl: unknown")
          .isEqualTo("[null,null,null]");
      assertThat(json.at("/summary/step").asLong()).isEqualTo(3);
      assertThat(json.get("baseline").isNull()).isTrue();
      assertThat(get(base.resolve("api/history?points=1")).statusCode()).isEqualTo(400);

      assertThat(get(base.resolve("health/ready")).body()).isEqualTo("ready");
      assertThat(get(base.resolve("metrics")).statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
