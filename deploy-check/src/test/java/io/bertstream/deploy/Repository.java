package io.bertstream.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository the checks read: docker/, k8s/ and the parent pom. */
record Repository(Path root) {

  static final List<String> OVERLAYS = List.of("cpu", "cpu-hpa", "gpu", "strimzi", "secured");

  /** The root surefire names in {@code bertstream.root}, else the module's parent folder. */
  static Repository locate() {
    String configured = System.getProperty("bertstream.root");
    Path root = Path.of(configured != null ? configured : "..").toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("k8s")) || !Files.isDirectory(root.resolve("docker"))) {
      throw new IllegalStateException("not the bertstream repository root: " + root);
    }
    return new Repository(root);
  }

  Path docker(String file) {
    return root.resolve("docker").resolve(file);
  }

  Path k8s(String relative) {
    return root.resolve("k8s").resolve(relative);
  }

  /** The Grafana dashboard: one file, which kustomize and compose both hand to Grafana. */
  Path dashboard() {
    return k8s("components/monitoring/bertstream-dashboard.json");
  }

  Path overlay(String name) {
    return k8s("overlays/" + name);
  }

  String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project's version as the CLI jar carries it (e.g. 0.1.0-SNAPSHOT). */
  String projectVersion() {
    Properties properties = new Properties();
    try (InputStream in =
        Repository.class.getResourceAsStream("/io/bertstream/cli/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is not on the class path");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /** The tag images of this version carry: the project version without -SNAPSHOT. */
  String releaseTag() {
    return projectVersion().replaceFirst("-SNAPSHOT$", "");
  }

  /** A {@code <name>value</name>} property of the parent pom. */
  String pomProperty(String name) {
    Matcher matcher =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
            .matcher(read(root.resolve("pom.xml")));
    if (!matcher.find()) {
      throw new IllegalStateException("pom.xml has no property " + name);
    }
    return matcher.group(1).trim();
  }
}
