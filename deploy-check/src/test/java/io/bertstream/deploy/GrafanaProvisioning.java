package io.bertstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;

/**
 * Grafana's provisioning files as the compose stack writes them (data sources, dashboard
 * providers), read strictly: a key these models do not know fails the parse.
 */
final class GrafanaProvisioning {

  private GrafanaProvisioning() {}

  static <T> T parse(String yaml, Class<T> type) throws IOException {
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    return StrictMapper.create().treeToValue(tree, type);
  }

  record Datasources(int apiVersion, List<Datasource> datasources) {}

  record Datasource(
      String name,
      String uid,
      String type,
      String access,
      String url,
      Boolean isDefault,
      Boolean editable) {}

  record Dashboards(int apiVersion, List<Provider> providers) {}

  record Provider(
      String name,
      Integer orgId,
      String folder,
      String type,
      Boolean disableDeletion,
      Boolean allowUiUpdates,
      Integer updateIntervalSeconds,
      Options options) {}

  record Options(String path) {}
}
