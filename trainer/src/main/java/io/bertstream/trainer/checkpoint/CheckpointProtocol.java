package io.bertstream.trainer.checkpoint;

import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.HuggingFaceTokenizerFiles;
import io.bertstream.tokenizer.InvalidTokenizerException;
import io.bertstream.trainer.huggingface.HuggingFaceConfig;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.input.OffsetCommitter;
import io.bertstream.trainer.model.BertConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order that makes resume exact: sync the journals, write the checkpoint durably (model,
 * optimizer, config, tokenizer, then the manifest with step, seed, input position, training time
 * and evaluation set), and only then commit the offsets to the consumer group. A crash between any
 * two of these leaves a state from which the newest checkpoint resumes correctly; the group's
 * offsets may trail, never lead.
 *
 * <p>Each checkpoint is a HuggingFace model directory as it stands: {@code config.json} (a full
 * BERT config), {@code model.safetensors}, the four tokenizer files, and beside them {@code
 * optimizer.safetensors} and {@code manifest.json}, which transformers ignores.
 */
public final class CheckpointProtocol {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointProtocol.class);

  private final CheckpointStore store;
  private final BertTokenizer tokenizer;
  private final byte[] config;
  private final Map<String, String> tokenizerFiles;
  private final String initFrom;
  private final String topic;
  private final long seed;
  private final OffsetCommitter committer;
  private final Journal journals;
  private final CheckpointListener listener;

  /**
   * @param initFrom the HuggingFace directory the run's first weights came from, recorded in every
   *     manifest; null when they came from the seed
   * @throws InvalidTokenizerException when transformers' BertTokenizer cannot express {@code
   *     tokenizer}, so no checkpoint could hold it
   */
  public CheckpointProtocol(
      CheckpointStore store,
      BertConfig modelConfig,
      BertTokenizer tokenizer,
      String initFrom,
      String topic,
      long seed,
      OffsetCommitter committer,
      Journal journals,
      CheckpointListener listener) {
    this.store = store;
    this.tokenizer = tokenizer;
    this.config =
        HuggingFaceConfig.of(modelConfig, tokenizer.padId())
            .toJson()
            .getBytes(StandardCharsets.UTF_8);
    try {
      this.tokenizerFiles =
          HuggingFaceTokenizerFiles.contents(tokenizer, modelConfig.maxPositions());
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenizerException(
          "checkpoints hold the tokenizer as transformers' files, which cannot say this: "
              + e.getMessage(),
          e);
    }
    this.initFrom = initFrom;
    this.topic = topic;
    this.seed = seed;
    this.committer = committer;
    this.journals = journals;
    this.listener = listener;
  }

  /**
   * Checkpoints {@code state} at {@code progress} (after its step); returns the checkpoint's
   * directory.
   */
  public Path save(TrainingState state, Progress progress) throws IOException {
    long started = System.nanoTime();
    long step = progress.step();
    InputPosition position = progress.input();
    listener.checkpointStarting(step);
    journals.sync();
    CheckpointManifest manifest =
        new CheckpointManifest(
            CheckpointManifest.FORMAT,
            step,
            seed,
            progress.examples(),
            progress.tokens(),
            tokenizer.fingerprint(),
            null,
            topic,
            initFrom,
            position,
            progress.trainingTime().toMillis(),
            progress.timeBudget() == null ? null : progress.timeBudget().toMillis(),
            progress.estimatedLastStep() > 0 ? progress.estimatedLastStep() : null,
            progress.evalSet().isEmpty() ? null : progress.evalSet(),
            Instant.now().toString(),
            null);
    Map<String, CheckpointStore.FileContent> files = new LinkedHashMap<>();
    files.put(CheckpointFiles.MODEL, state::writeParameters);
    files.put(CheckpointFiles.OPTIMIZER, state::writeOptimizerState);
    files.put(CheckpointFiles.CONFIG, out -> out.write(config));
    tokenizerFiles.forEach(
        (name, text) -> files.put(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8))));
    Path directory =
        store.write(manifest, files, file -> listener.checkpointFileWritten(step, file));
    listener.checkpointWritten(step);
    boolean committed = committer.commit(position, step);
    if (committed) {
      listener.offsetsCommitted(step);
    }
    LOG.info(
        "checkpoint {} written in {} ms{}",
        directory.getFileName(),
        (System.nanoTime() - started) / 1_000_000,
        committed ? ", offsets committed" : "");
    return directory;
  }
}
