package io.bertstream.trainer.export;

import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.HuggingFaceTokenizerFiles;
import io.bertstream.trainer.Journals;
import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.checkpoint.CheckpointManifest;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.DurableFiles;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.huggingface.HuggingFaceCheckpoint;
import io.bertstream.trainer.huggingface.HuggingFaceConfig;
import io.bertstream.trainer.huggingface.SafetensorsReader;
import io.bertstream.trainer.huggingface.SafetensorsType;
import io.bertstream.trainer.huggingface.SafetensorsWriter;
import io.bertstream.trainer.huggingface.TensorEntry;
import io.bertstream.trainer.huggingface.TensorSpec;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a checkpoint into a clean model directory to publish: {@code model.safetensors}, {@code
 * config.json}, the tokenizer's four files and a {@link ModelCard} — no optimizer state, offsets or
 * manifest. The weights are copied a tensor at a time, byte for byte, so an export imports to
 * exactly the checkpoint's parameters.
 *
 * <p>The directory is written beside {@code out} under a hidden temporary name, each file synced,
 * and renamed to {@code out} only when complete: {@code out} is never half-written. An existing
 * non-empty {@code out} is replaced only when asked to.
 */
public final class ModelExport {

  private static final String TEMP_PREFIX = ".";
  private static final String TEMP_SUFFIX = ".tmp-";
  private static final String OLD_SUFFIX = ".old-";

  private ModelExport() {}

  /**
   * Exports {@code source} (a checkpoint directory, or a checkpoint root whose newest checkpoint is
   * taken) to {@code out}.
   *
   * @param replace replace a non-empty {@code out} (otherwise refused)
   * @param producer who exports, for the card (e.g. {@code bertstream 0.3.0})
   * @return the card written
   * @throws FileAlreadyExistsException when {@code out} exists, is not empty and {@code replace} is
   *     false, or is a file
   * @throws IOException when {@code source} holds no checkpoint
   */
  public static ModelCard write(Path source, Path out, boolean replace, String producer)
      throws IOException {
    StoredCheckpoint checkpoint =
        CheckpointStore.find(source)
            .orElseThrow(() -> new IOException("no checkpoint in " + source));
    requireWritable(out, replace);
    HuggingFaceConfig config;
    try (HuggingFaceCheckpoint model = HuggingFaceCheckpoint.open(checkpoint.directory())) {
      config = model.config(); // refuses what transformers' BERT would not compute alike
    }
    Path target = out.toAbsolutePath().normalize();
    Path parent = Files.createDirectories(target.getParent());
    Path temp =
        parent.resolve(TEMP_PREFIX + target.getFileName() + TEMP_SUFFIX + System.nanoTime());
    Files.createDirectory(temp);
    try (BertTokenizer tokenizer = BertTokenizer.load(checkpoint.tokenizer())) {
      long parameters = copyWeights(checkpoint, temp.resolve(CheckpointFiles.MODEL));
      Map<String, String> files = new LinkedHashMap<>();
      files.put(
          CheckpointFiles.CONFIG, HuggingFaceConfig.of(config.bert(), tokenizer.padId()).toJson());
      files.putAll(HuggingFaceTokenizerFiles.contents(tokenizer, config.bert().maxPositions()));
      ModelCard card = card(checkpoint, out, config, tokenizer, parameters, producer);
      files.put(ModelCard.FILE, card.markdown());
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
        DurableFiles.write(temp.resolve(file.getKey()), o -> o.write(bytes));
      }
      DurableFiles.syncDirectory(temp);
      publish(temp, target, replace);
      return card;
    } catch (IOException | RuntimeException e) {
      DurableFiles.deleteRecursively(temp);
      throw e;
    }
  }

  private static void requireWritable(Path out, boolean replace) throws IOException {
    if (Files.isRegularFile(out)) {
      throw new FileAlreadyExistsException(out + " is a file; --out names a directory");
    }
    if (!replace && !isEmptyOrMissing(out)) {
      throw new FileAlreadyExistsException(
          out + " exists and is not empty; give --force to replace it");
    }
  }

  private static boolean isEmptyOrMissing(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Copies model.safetensors tensor by tensor with transformers' metadata; returns elements. */
  private static long copyWeights(StoredCheckpoint checkpoint, Path file) throws IOException {
    try (SafetensorsReader reader =
        SafetensorsReader.open(checkpoint.file(CheckpointFiles.MODEL))) {
      List<SafetensorsWriter.Tensor> tensors = new ArrayList<>();
      long elements = 0;
      for (String name : reader.names()) {
        TensorEntry entry = reader.entry(name);
        // The reader hands out the type it reads as; a checkpoint's float32 stays float32.
        TensorSpec spec =
            new TensorSpec(name, SafetensorsType.of(entry.type().readAs()), entry.shape());
        tensors.add(new SafetensorsWriter.Tensor(spec, () -> reader.readBytes(name)));
        elements += entry.elementCount();
      }
      DurableFiles.write(
          file,
          o ->
              SafetensorsWriter.write(
                  Channels.newChannel(o), SafetensorsWriter.PYTORCH_METADATA, tensors));
      return elements;
    }
  }

  private static ModelCard card(
      StoredCheckpoint checkpoint,
      Path out,
      HuggingFaceConfig config,
      BertTokenizer tokenizer,
      long parameters,
      String producer)
      throws IOException {
    CheckpointManifest manifest = checkpoint.manifest();
    return new ModelCard(
        out.toAbsolutePath().normalize().getFileName().toString(),
        out.toString(),
        manifest.step(),
        manifest.examples(),
        Optional.ofNullable(manifest.tokens()),
        manifest.topic(),
        Optional.ofNullable(manifest.initFrom()),
        manifest.seed(),
        manifest.tokenizerId(),
        tokenizer.vocab().normalization().lowercase(),
        config.bert(),
        parameters,
        checkpoint.directory().getFileName().toString(),
        manifest.createdAt(),
        lastEvaluation(checkpoint),
        producer);
  }

  /** The run's last evaluation with scores at or before the checkpoint's step. */
  private static Optional<EvalEntry> lastEvaluation(StoredCheckpoint checkpoint)
      throws IOException {
    Path root = checkpoint.directory().toAbsolutePath().getParent();
    Optional<EvalEntry> last = Optional.empty();
    for (EvalEntry entry : Journals.readEvaluations(root)) {
      if (entry.step() <= checkpoint.step() && entry.scores().isPresent()) {
        last = Optional.of(entry);
      }
    }
    return last;
  }

  /** Renames the complete {@code temp} to {@code target}, moving an old directory away first. */
  private static void publish(Path temp, Path target, boolean replace) throws IOException {
    Path parent = target.getParent();
    if (!Files.exists(target)) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } else if (isEmptyOrMissing(target)) {
      Files.delete(target);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } else {
      if (!replace) {
        throw new FileAlreadyExistsException(
            target + " exists and is not empty; give --force to replace it");
      }
      Path old =
          parent.resolve(TEMP_PREFIX + target.getFileName() + OLD_SUFFIX + System.nanoTime());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      DurableFiles.deleteRecursively(old);
    }
    DurableFiles.syncDirectory(parent);
  }
}
