package io.bertstream.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the Compose specification this project uses, read strictly: a key this model does not
 * know (a misspelt {@code healtcheck}) fails the parse.
 */
record ComposeFile(String name, Map<String, Service> services, Map<String, JsonNode> volumes) {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  /** Parses {@code yaml} after Compose's interpolation with an empty environment. */
  static ComposeFile parse(String yaml) throws IOException {
    ObjectMapper strict = StrictMapper.create();
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(interpolate(yaml));
    return strict.treeToValue(tree, ComposeFile.class);
  }

  /** {@code ${VAR:-default}} becomes its default, {@code ${VAR}} empty, {@code $$} a {@code $}. */
  static String interpolate(String yaml) {
    Matcher matcher = VARIABLE.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group().equals("$$")) {
        replacement = "$";
      } else {
        replacement = matcher.group(2) != null ? matcher.group(2) : "";
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  record Service(
      String image,
      Build build,
      String hostname,
      @JsonProperty("container_name") String containerName,
      List<String> entrypoint,
      List<String> command,
      Map<String, String> environment,
      List<String> ports,
      List<String> volumes,
      @JsonProperty("depends_on") Map<String, DependsOn> dependsOn,
      Healthcheck healthcheck,
      String restart,
      @JsonProperty("security_opt") List<String> securityOpt,
      @JsonProperty("cap_drop") List<String> capDrop,
      @JsonProperty("stop_grace_period") String stopGracePeriod,
      @JsonProperty("network_mode") String networkMode,
      Deploy deploy) {

    Map<String, String> environmentOrEmpty() {
      return environment != null ? environment : Map.of();
    }

    boolean runsUntilStopped() {
      return "unless-stopped".equals(restart) || "always".equals(restart);
    }

    /** The host files and folders mounted into the container ({@code ./x:/y[:ro]}). */
    List<Bind> binds() {
      List<Bind> binds = new ArrayList<>();
      for (String volume : volumes != null ? volumes : List.<String>of()) {
        String[] parts = volume.split(":");
        if (parts.length >= 2 && (parts[0].startsWith(".") || parts[0].startsWith("/"))) {
          binds.add(new Bind(parts[0], parts[1]));
        }
      }
      return binds;
    }
  }

  /**
   * A bind mount.
   *
   * @param source the host path as written: relative to the compose file's folder
   * @param target the path inside the container
   */
  record Bind(String source, String target) {}

  record Build(String context, String dockerfile) {}

  record DependsOn(String condition) {}

  record Healthcheck(
      List<String> test,
      String interval,
      String timeout,
      Integer retries,
      @JsonProperty("start_period") String startPeriod) {}

  record Deploy(Resources resources) {}

  record Resources(Reservations reservations) {}

  record Reservations(List<Device> devices) {}

  record Device(String driver, Integer count, List<String> capabilities) {}
}
