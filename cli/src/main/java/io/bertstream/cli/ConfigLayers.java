package io.bertstream.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults from the configuration layers below the command line: the environment
 * ({@code --bootstrap-servers} ← {@code BERTSTREAM_BOOTSTRAP_SERVERS}) over the properties file
 * named by {@code --config} or {@code BERTSTREAM_CONFIG} (key {@code bootstrap-servers}) over the
 * option's own default. Flags given on the command line win.
 *
 * <p>An option's own default is its field's initial value, taken from the defaults of the
 * configuration type the command builds ({@code int batchSize = TrainerConfig.defaults()
 * .batchSize();}), so each default is written once, in that type, and {@code --help} shows it.
 *
 * <p>Keys of the file that are not options (they contain a dot: {@code security.protocol}, {@code
 * sasl.jaas.config}, {@code basic.auth.user.info}) are Kafka and registry client properties, passed
 * through unchanged by {@link #clientProperties()}.
 */
public final class ConfigLayers implements IDefaultValueProvider {

  private static final String ENV_PREFIX = "BERTSTREAM_";

  private final Map<String, String> environment;
  private final Properties file;

  public ConfigLayers(Map<String, String> environment, Properties file) {
    this.environment = Map.copyOf(environment);
    this.file = file;
  }

  /** No file, no environment: only the options' own defaults and the flags count. */
  public static ConfigLayers none() {
    return new ConfigLayers(Map.of(), new Properties());
  }

  /** Finds {@code --config FILE} (or {@code BERTSTREAM_CONFIG}) before picocli parses. */
  public static ConfigLayers load(String[] args, Map<String, String> environment) {
    String path = environment.get(ENV_PREFIX + "CONFIG");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        path = args[i + 1];
      } else if (args[i].startsWith("--config=")) {
        path = args[i].substring("--config=".length());
      }
    }
    Properties file = new Properties();
    if (path != null && !Files.isReadable(Path.of(path))) {
      throw new IllegalArgumentException("config file not found or not readable: " + path);
    }
    if (path != null) {
      try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
        file.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read config file " + path, e);
      }
    }
    return new ConfigLayers(environment, file);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String layered = layered(option);
    if (layered != null) {
      return layered;
    }
    if (option.defaultValue() == null && option.initialValue() instanceof Enum<?> constant) {
      // Shown in help, and read back, the way users type it: blank-lines, not BLANK_LINES.
      return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    return option.defaultValue();
  }

  /** Whether the environment or the file sets {@code option}, rather than its own default. */
  public boolean sets(OptionSpec option) {
    return layered(option) != null;
  }

  /** The environment's value for {@code option}, else the file's, else null. */
  private String layered(OptionSpec option) {
    if (option.longestName().length() < 3) {
      return null;
    }
    String key = option.longestName().replaceFirst("^-+", "");
    String fromEnv = environment.get(ENV_PREFIX + key.replace('-', '_').toUpperCase(Locale.ROOT));
    return fromEnv != null ? fromEnv : file.getProperty(key);
  }

  /** The file's client properties (keys with a dot), for Kafka and the schema registry. */
  public Map<String, String> clientProperties() {
    Map<String, String> properties = new TreeMap<>();
    for (String key : file.stringPropertyNames()) {
      if (key.contains(".")) {
        properties.put(key, file.getProperty(key));
      }
    }
    return properties;
  }
}
