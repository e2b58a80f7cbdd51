package io.bertstream.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real kustomize: the standalone {@code kustomize build} when it
 * is on the PATH, else {@code kubectl kustomize} (kubectl embeds kustomize; the project's machine
 * image ships kubectl).
 */
final class Kustomize {

  private static final long TIMEOUT_SECONDS = 120;

  private final List<String> command;

  private Kustomize(List<String> command) {
    this.command = List.copyOf(command);
  }

  static Optional<Kustomize> find() {
    return onPath("kustomize")
        .map(path -> new Kustomize(List.of(path.toString(), "build")))
        .or(
            () ->
                onPath("kubectl")
                    .map(path -> new Kustomize(List.of(path.toString(), "kustomize"))));
  }

  /** Fails where this must run (CI), skips with the reason elsewhere. */
  static String unavailableMessage() {
    return "neither `kustomize` nor `kubectl` (which embeds kustomize) is on the PATH;"
        + " install one (e.g. Debian's kubectl package) to render the overlays";
  }

  String describe() {
    return String.join(" ", command);
  }

  /** The rendered multi-document YAML of {@code directory}. */
  String build(Path directory) throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>(command);
    arguments.add(directory.toString());
    Path stderr = Files.createTempFile("kustomize", ".err");
    try {
      Process process = new ProcessBuilder(arguments).redirectError(stderr.toFile()).start();
      String stdout;
      try (InputStream in = process.getInputStream()) {
        stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(describe() + " " + directory + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            describe()
                + " "
                + directory
                + " failed ("
                + process.exitValue()
                + "): "
                + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
