package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** Prometheus and Grafana in the compose stack: what they scrape, and what Grafana is given. */
class MonitoringComposeTest {

  private static final String PROMETHEUS_CONFIG = "/etc/prometheus/prometheus.yml";
  private static final String GRAFANA_PROVISIONING = "/etc/grafana/provisioning";

  /** Where Prometheus listens unless told otherwise. */
  private static final int PROMETHEUS_PORT = 9090;

  private final Repository repository = Repository.locate();
  private ComposeFile compose;

  @BeforeEach
  void parse() throws Exception {
    compose = ComposeFile.parse(repository.read(repository.docker("compose.yaml")));
  }

  @Test
  void shouldScrapeEveryServiceOnThePortItsCommandServesMetricsOn() throws Exception {
    Map<String, PrometheusScrapeConfig.ScrapeJob> jobs = scrapeJobs();
    int checked = 0;
    for (Map.Entry<String, ComposeFile.Service> entry : compose.services().entrySet()) {
      ComposeFile.Service service = entry.getValue();
      if (!service.image().startsWith("bertstream/") || !service.runsUntilStopped()) {
        continue;
      }
      ParseResult command = CliCommands.parse(service.command());
      int served = CliCommands.servedPort(command).orElseThrow();
      PrometheusScrapeConfig.ScrapeJob job = jobs.get(entry.getKey());
      assertThat(job).as("a scrape job named after " + entry.getKey()).isNotNull();
      assertThat(job.metricsPath()).as(entry.getKey() + " metrics path").isEqualTo("/metrics");
      assertThat(job.targets())
          .as(entry.getKey() + ": scraped where `" + CliCommands.name(command) + "` serves")
          .containsExactly(entry.getKey() + ":" + served);
      checked++;
    }
    assertThat(checked).as("long-running bertstream services").isEqualTo(3);
  }

  @Test
  void shouldScrapeOnlyServicesOfTheComposeFile() throws Exception {
    for (PrometheusScrapeConfig.ScrapeJob job : scrapeJobs().values()) {
      for (String target : job.targets()) {
        assertThat(compose.services())
            .as(job.jobName() + " target " + target)
            .containsKey(target.substring(0, target.lastIndexOf(':')));
      }
    }
  }

  @Test
  void shouldFindEveryReplicaOfAServiceThatScalesThroughDns() throws Exception {
    Map<String, PrometheusScrapeConfig.ScrapeJob> jobs = scrapeJobs();
    compose
        .services()
        .forEach(
            (name, service) -> {
              // No host port and no fixed name: `--scale` may run several; one static target
              // would reach one replica at a time.
              boolean scalable =
                  (service.ports() == null || service.ports().isEmpty())
                      && service.containerName() == null;
              if (jobs.containsKey(name) && scalable) {
                assertThat(jobs.get(name).discoversThroughDns()).as(name).isTrue();
                assertThat(jobs.get(name).dnsSdConfigs())
                    .allSatisfy(dns -> assertThat(dns.type()).isEqualTo("A"));
              }
            });
    assertThat(jobs.get("tokenize").discoversThroughDns()).isTrue();
  }

  @Test
  void shouldProvisionTheDashboardFileTheKubernetesConfigMapIsMadeOf() throws Exception {
    ComposeFile.Service grafana = compose.services().get("grafana");
    GrafanaProvisioning.Dashboards dashboards =
        GrafanaProvisioning.parse(
            repository.read(provisioning(grafana).resolve("dashboards/bertstream.yaml")),
            GrafanaProvisioning.Dashboards.class);
    GrafanaProvisioning.Provider provider = dashboards.providers().get(0);
    assertThat(dashboards.providers()).hasSize(1);
    assertThat(provider.type()).isEqualTo("file");

    List<ComposeFile.Bind> dashboardFiles =
        grafana.binds().stream()
            .filter(bind -> bind.target().startsWith(provider.options().path() + "/"))
            .toList();
    assertThat(dashboardFiles).as("files in the provider's folder").hasSize(1);
    ComposeFile.Bind dashboard = dashboardFiles.get(0);
    assertThat(onHost(dashboard))
        .as("the file itself, not a copy")
        .isEqualTo(repository.dashboard().toRealPath());
    assertThat(grafana.environment())
        .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", dashboard.target());
  }

  @Test
  void shouldGiveGrafanaTheComposePrometheusAsItsDefaultDataSource() throws Exception {
    ComposeFile.Service grafana = compose.services().get("grafana");
    GrafanaProvisioning.Datasources datasources =
        GrafanaProvisioning.parse(
            repository.read(provisioning(grafana).resolve("datasources/prometheus.yaml")),
            GrafanaProvisioning.Datasources.class);

    GrafanaProvisioning.Datasource prometheus = datasources.datasources().get(0);
    assertThat(datasources.datasources()).hasSize(1);
    assertThat(prometheus.type()).isEqualTo("prometheus");
    // The dashboard's datasource variable starts on the default data source.
    assertThat(prometheus.isDefault()).isTrue();
    URI url = URI.create(prometheus.url());
    assertThat(compose.services().get(url.getHost()).image()).startsWith("prom/prometheus:");
    assertThat(url.getPort()).isEqualTo(PROMETHEUS_PORT);
    assertThat(grafana.dependsOn()).containsKey(url.getHost());
  }

  @Test
  void shouldMountEveryMonitoringFileFromTheRepository() throws Exception {
    for (String name : List.of("prometheus", "grafana")) {
      for (ComposeFile.Bind bind : compose.services().get(name).binds()) {
        assertThat(Files.exists(repository.docker(bind.source())))
            .as(name + " mounts " + bind.source())
            .isTrue();
      }
    }
  }

  private Map<String, PrometheusScrapeConfig.ScrapeJob> scrapeJobs() throws IOException {
    ComposeFile.Service prometheus = compose.services().get("prometheus");
    Path config = bound(prometheus, PROMETHEUS_CONFIG);
    PrometheusScrapeConfig parsed = PrometheusScrapeConfig.parse(repository.read(config));
    Map<String, PrometheusScrapeConfig.ScrapeJob> jobs = new LinkedHashMap<>();
    for (PrometheusScrapeConfig.ScrapeJob job : parsed.scrapeConfigs()) {
      assertThat(jobs.put(job.jobName(), job)).as("job " + job.jobName() + " once").isNull();
    }
    return jobs;
  }

  private Path provisioning(ComposeFile.Service grafana) {
    return bound(grafana, GRAFANA_PROVISIONING);
  }

  /** The host path mounted at {@code target}, resolved against docker/ as compose does. */
  private Path bound(ComposeFile.Service service, String target) {
    return service.binds().stream()
        .filter(bind -> bind.target().equals(target))
        .map(bind -> repository.docker(bind.source()).normalize())
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing is mounted at " + target));
  }

  private Path onHost(ComposeFile.Bind bind) throws IOException {
    return repository.docker(bind.source()).toRealPath();
  }
}
