package io.bertstream.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of Prometheus's configuration file the compose stack uses, read strictly: a key this
 * model does not know fails the parse.
 */
record PrometheusScrapeConfig(
    Global global, @JsonProperty("scrape_configs") List<ScrapeJob> scrapeConfigs) {

  static PrometheusScrapeConfig parse(String yaml) throws IOException {
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    return StrictMapper.create().treeToValue(tree, PrometheusScrapeConfig.class);
  }

  record Global(
      @JsonProperty("scrape_interval") String scrapeInterval,
      @JsonProperty("evaluation_interval") String evaluationInterval) {}

  record ScrapeJob(
      @JsonProperty("job_name") String jobName,
      @JsonProperty("metrics_path") String metricsPath,
      @JsonProperty("scrape_interval") String scrapeInterval,
      @JsonProperty("static_configs") List<StaticConfig> staticConfigs,
      @JsonProperty("dns_sd_configs") List<DnsConfig> dnsSdConfigs) {

    /** Every {@code host:port} the job scrapes: static targets as written, DNS names with port. */
    List<String> targets() {
      List<String> targets = new ArrayList<>();
      for (StaticConfig config : staticConfigs != null ? staticConfigs : List.<StaticConfig>of()) {
        targets.addAll(config.targets());
      }
      for (DnsConfig config : dnsSdConfigs != null ? dnsSdConfigs : List.<DnsConfig>of()) {
        for (String name : config.names()) {
          targets.add(name + ":" + config.port());
        }
      }
      return targets;
    }

    boolean discoversThroughDns() {
      return dnsSdConfigs != null && !dnsSdConfigs.isEmpty();
    }
  }

  record StaticConfig(List<String> targets, Map<String, String> labels) {}

  record DnsConfig(
      List<String> names,
      String type,
      Integer port,
      @JsonProperty("refresh_interval") String refreshInterval) {}
}
