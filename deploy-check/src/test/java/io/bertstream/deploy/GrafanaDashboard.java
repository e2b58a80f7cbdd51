package io.bertstream.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a Grafana dashboard JSON model the checks read: its panels (those inside collapsed
 * rows too), their queries, and the template variables. Read as a tree: Grafana's model is large
 * and versioned, and the checks only need these parts of it.
 */
record GrafanaDashboard(JsonNode root, List<Panel> panels, List<Variable> variables) {

  /** One panel; {@code datasource} is its {@code datasource.uid}, null when it has none. */
  record Panel(int id, String type, String title, String datasource, List<Target> targets) {}

  /** One query of a panel. */
  record Target(String refId, String expr, String datasource) {}

  /** One template variable. */
  record Variable(String name, String type, String query) {}

  static GrafanaDashboard parse(String json) throws IOException {
    JsonNode root =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .readTree(json);
    List<Panel> panels = new ArrayList<>();
    collect(root.path("panels"), panels);
    List<Variable> variables = new ArrayList<>();
    for (JsonNode variable : root.path("templating").path("list")) {
      variables.add(
          new Variable(
              variable.path("name").asText(),
              variable.path("type").asText(),
              variable.path("query").asText()));
    }
    return new GrafanaDashboard(root, List.copyOf(panels), List.copyOf(variables));
  }

  private static void collect(JsonNode nodes, List<Panel> into) {
    for (JsonNode node : nodes) {
      List<Target> targets = new ArrayList<>();
      for (JsonNode target : node.path("targets")) {
        targets.add(
            new Target(
                target.path("refId").asText(null),
                target.path("expr").asText(null),
                uid(target.path("datasource"))));
      }
      into.add(
          new Panel(
              node.path("id").asInt(-1),
              node.path("type").asText(),
              node.path("title").asText(),
              uid(node.path("datasource")),
              List.copyOf(targets)));
      collect(node.path("panels"), into);
    }
  }

  private static String uid(JsonNode datasource) {
    return datasource.isMissingNode() || datasource.isNull()
        ? null
        : datasource.path("uid").asText(null);
  }

  /** Every query expression, in panel order. */
  List<String> expressions() {
    List<String> expressions = new ArrayList<>();
    for (Panel panel : panels) {
      for (Target target : panel.targets()) {
        expressions.add(target.expr());
      }
    }
    return expressions;
  }

  /** Every metric name the queries select. */
  Set<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String expression : expressions()) {
      for (PromQl.Selector selector : PromQl.selectors(expression)) {
        names.add(selector.metric());
      }
    }
    return names;
  }
}
