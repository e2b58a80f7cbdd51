package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline dashboard as a file: a valid Grafana model on a Prometheus data source chosen by a
 * variable, shipped by every overlay. {@link DashboardMetricsIntegrationTest} holds its metric
 * names to what the running services export.
 */
class DashboardTest {

  /** Functions whose argument must be a counter (or a histogram's or summary's count or sum). */
  static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");

  private static final String DATASOURCE = "${datasource}";
  private static final String CONFIG_MAP = "bertstream-grafana-dashboard";

  private final Repository repository = Repository.locate();
  private GrafanaDashboard dashboard;

  @BeforeEach
  void parse() throws Exception {
    dashboard = GrafanaDashboard.parse(repository.read(repository.dashboard()));
  }

  @Test
  void shouldChooseItsPrometheusThroughADataSourceVariable() {
    assertThat(dashboard.variables())
        .contains(new GrafanaDashboard.Variable("datasource", "datasource", "prometheus"));
    for (GrafanaDashboard.Panel panel : dashboard.panels()) {
      if (panel.type().equals("row")) {
        continue;
      }
      assertThat(panel.datasource()).as(panel.title()).isEqualTo(DATASOURCE);
      assertThat(panel.targets()).as(panel.title() + " queries").isNotEmpty();
      for (GrafanaDashboard.Target target : panel.targets()) {
        assertThat(target.datasource())
            .as(panel.title() + " " + target.refId())
            .isEqualTo(DATASOURCE);
      }
    }
    assertThat(dashboard.root().path("__inputs").isMissingNode())
        .as("no import-time inputs: provisioning does not fill them")
        .isTrue();
  }

  @Test
  void shouldGiveEveryPanelAUniqueIdAndEveryQueryARefIdAndAMetric() {
    Set<Integer> ids = new HashSet<>();
    for (GrafanaDashboard.Panel panel : dashboard.panels()) {
      assertThat(ids.add(panel.id())).as("panel id " + panel.id() + " once").isTrue();
      Set<String> refIds = new HashSet<>();
      for (GrafanaDashboard.Target target : panel.targets()) {
        assertThat(refIds.add(target.refId())).as(panel.title() + " " + target.refId()).isTrue();
        assertThat(PromQl.selectors(target.expr())).as(target.expr()).isNotEmpty();
      }
    }
    assertThat(dashboard.root().path("uid").asText()).isNotBlank();
    assertThat(dashboard.root().path("title").asText()).isNotBlank();
  }

  @Test
  void shouldTakeRatesOverARangeWithGrafanasRateInterval() {
    for (String expression : dashboard.expressions()) {
      for (PromQl.Selector selector : PromQl.selectors(expression)) {
        if (COUNTER_FUNCTIONS.contains(selector.function())) {
          assertThat(expression)
              .as("the range of " + selector.metric())
              .contains(selector.metric() + "[$__rate_interval]");
        }
      }
    }
  }

  @Test
  void shouldShowWhatAnOperatorWatches() {
    // Lag of both consumer groups, throughput in and out of the stream, dead letters, and the
    // trainer's loss, speed, input wait and checkpoints.
    assertThat(dashboard.metricNames())
        .contains(
            "kafka_consumer_fetch_manager_records_lag",
            "bertstream_trainer_consumer_lag",
            "bertstream_ingest_documents_published_total",
            "bertstream_tokenize_documents_total",
            "bertstream_tokenize_examples_total",
            "bertstream_dlq_records_total",
            "bertstream_trainer_loss",
            "bertstream_trainer_tokens_per_second",
            "bertstream_trainer_input_wait_seconds_sum",
            "bertstream_trainer_last_checkpoint_timestamp_seconds");
  }

  @Test
  void shouldBuildTheConfigMapFromTheDashboardFileInTheComponent() throws Exception {
    JsonNode component =
        new ObjectMapper(new YAMLFactory())
            .readTree(repository.read(repository.dashboard().resolveSibling("kustomization.yaml")));
    JsonNode generator = component.path("configMapGenerator").get(0);
    assertThat(generator.path("name").asText()).isEqualTo(CONFIG_MAP);
    assertThat(generator.path("files"))
        .extracting(JsonNode::asText)
        .containsExactly(repository.dashboard().getFileName().toString());
  }

  @Test
  void shouldShipTheDashboardUnchangedInEveryOverlayForGrafanasSidecar() throws Exception {
    String file = repository.read(repository.dashboard());
    for (Map.Entry<String, Manifest> overlay : RenderedOverlays.renderAll(repository).entrySet()) {
      ConfigMap configMap = overlay.getValue().one(ConfigMap.class, CONFIG_MAP);
      assertThat(configMap.getMetadata().getLabels())
          .as(overlay.getKey())
          .containsEntry("grafana_dashboard", "1");
      assertThat(configMap.getData())
          .as(overlay.getKey())
          .containsExactlyEntriesOf(Map.of(repository.dashboard().getFileName().toString(), file));
    }
    assertThat(Repository.OVERLAYS)
        .isEqualTo(List.of("cpu", "cpu-hpa", "gpu", "strimzi", "secured"));
  }
}
