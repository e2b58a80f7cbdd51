package io.bertstream.trainer.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints in one directory, written atomically: every file goes into a hidden temporary
 * directory and is fsynced, the manifest is written last, the directory is fsynced and then renamed
 * to {@code step-NNNNNNNNNN} (and the parent fsynced). A crash at any instant leaves either the
 * previous set of checkpoints or the new complete one, plus perhaps a temporary directory that is
 * ignored and removed later. Only the newest {@code keep} complete checkpoints are kept.
 */
public final class CheckpointStore {

  public static final String MANIFEST = "manifest.json";

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final Pattern COMPLETE = Pattern.compile("step-(\\d{10})");
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path root;
  private final int keep;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Writes one file of a checkpoint. */
  @FunctionalInterface
  public interface FileContent {
    void writeTo(OutputStream out) throws IOException;
  }

  public CheckpointStore(Path root, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1");
    }
    this.root = root;
    this.keep = keep;
  }

  public Path root() {
    return root;
  }

  /**
   * Writes a checkpoint; when this returns it is durable.
   *
   * @param files file name → content, written in this order; the manifest follows them
   * @return the checkpoint's directory
   */
  public Path write(CheckpointManifest manifest, Map<String, FileContent> files)
      throws IOException {
    return write(manifest, files, file -> {});
  }

  /**
   * Writes a checkpoint like {@link #write(CheckpointManifest, Map)}, telling {@code fileWritten}
   * each file name as soon as that file is synced in the temporary directory, {@value #MANIFEST}
   * last, all before the rename that completes the checkpoint; not called when the checkpoint
   * exists already.
   */
  public Path write(
      CheckpointManifest manifest, Map<String, FileContent> files, Consumer<String> fileWritten)
      throws IOException {
    Files.createDirectories(root);
    Path target = root.resolve(name(manifest.step()));
    if (Files.isDirectory(target)) {
      // Steps are deterministic: a checkpoint of this step holds this very state already.
      LOG.info("checkpoint {} exists already", target.getFileName());
      return target;
    }
    Path temp = root.resolve(TEMP_PREFIX + name(manifest.step()) + "-" + System.nanoTime());
    Files.createDirectory(temp);
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Map.Entry<String, FileContent> file : files.entrySet()) {
      if (file.getKey().equals(MANIFEST) || file.getKey().contains("/")) {
        throw new IllegalArgumentException("bad checkpoint file name " + file.getKey());
      }
      sizes.put(file.getKey(), DurableFiles.write(temp.resolve(file.getKey()), file.getValue()));
      fileWritten.accept(file.getKey());
    }
    CheckpointManifest complete = manifest.withFiles(sizes);
    DurableFiles.write(temp.resolve(MANIFEST), out -> json.writeValue(out, complete));
    fileWritten.accept(MANIFEST);
    DurableFiles.syncDirectory(temp);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.syncDirectory(root);
    prune();
    return target;
  }

  /**
   * The checkpoint {@code path} names: a checkpoint directory itself ({@code step-…}, which must be
   * complete), or for a checkpoint root its newest complete checkpoint; empty when {@code path} is
   * neither.
   *
   * @throws IOException when {@code path} is a checkpoint directory that fails to verify
   */
  public static Optional<StoredCheckpoint> find(Path path) throws IOException {
    CheckpointStore store = new CheckpointStore(path, 1);
    if (Files.isRegularFile(path.resolve(MANIFEST))) {
      return Optional.of(
          store
              .read(path)
              .orElseThrow(() -> new IOException(path + " is not a complete checkpoint")));
    }
    return store.latest();
  }

  /** The newest complete checkpoint, skipping (with a warning) any that fails to verify. */
  public Optional<StoredCheckpoint> latest() {
    List<Path> complete = completeDirectories();
    for (int i = complete.size() - 1; i >= 0; i--) {
      Optional<StoredCheckpoint> checkpoint = read(complete.get(i));
      if (checkpoint.isPresent()) {
        return checkpoint;
      }
    }
    return Optional.empty();
  }

  /** Reads one checkpoint directory, verifying the manifest and every file's size. */
  public Optional<StoredCheckpoint> read(Path directory) {
    Path manifestFile = directory.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      LOG.warn("ignoring checkpoint {}: no manifest", directory);
      return Optional.empty();
    }
    try {
      CheckpointManifest manifest = json.readValue(manifestFile.toFile(), CheckpointManifest.class);
      for (Map.Entry<String, Long> file : manifest.files().entrySet()) {
        Path path = directory.resolve(file.getKey());
        if (!Files.isRegularFile(path) || Files.size(path) != file.getValue()) {
          LOG.warn("ignoring checkpoint {}: {} is missing or truncated", directory, file.getKey());
          return Optional.empty();
        }
      }
      return Optional.of(new StoredCheckpoint(directory, manifest));
    } catch (IOException e) {
      LOG.warn("ignoring checkpoint {}: unreadable manifest ({})", directory, e.toString());
      return Optional.empty();
    }
  }

  /** Complete checkpoint directories, oldest first. */
  public List<Path> completeDirectories() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    TreeMap<Long, Path> byStep = new TreeMap<>();
    try (Stream<Path> entries = Files.list(root)) {
      entries.forEach(
          path -> {
            Matcher matcher = COMPLETE.matcher(path.getFileName().toString());
            if (matcher.matches() && Files.isDirectory(path)) {
              byStep.put(Long.parseLong(matcher.group(1)), path);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + root, e);
    }
    return new ArrayList<>(byStep.values());
  }

  /** Removes temporary directories left by writes that a crash interrupted. */
  public void removeIncomplete() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> temps;
    try (Stream<Path> entries = Files.list(root)) {
      temps = entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList();
    }
    for (Path temp : temps) {
      LOG.info("removing incomplete checkpoint {}", temp.getFileName());
      DurableFiles.deleteRecursively(temp);
    }
  }

  private void prune() throws IOException {
    List<Path> complete = completeDirectories();
    for (int i = 0; i < complete.size() - keep; i++) {
      DurableFiles.deleteRecursively(complete.get(i));
    }
  }

  private static String name(long step) {
    return String.format(Locale.ROOT, "step-%010d", step);
  }
}
