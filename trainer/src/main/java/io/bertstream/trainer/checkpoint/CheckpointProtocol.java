package io.bertstream.trainer.checkpoint;

import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.input.OffsetCommitter;
import io.bertstream.trainer.model.BertConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order that makes resume exact: sync the journals, write the checkpoint durably (model,
 * optimizer, config, tokenizer, then the manifest with step, seed and input position), and only
 * then commit the offsets to the consumer group. A crash between any two of these leaves a state
 * from which the newest checkpoint resumes correctly; the group's offsets may trail, never lead.
 */
public final class CheckpointProtocol {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointProtocol.class);

  private final CheckpointStore store;
  private final BertConfig modelConfig;
  private final BertTokenizer tokenizer;
  private final Path tokenizerFile;
  private final String topic;
  private final long seed;
  private final OffsetCommitter committer;
  private final Journal journals;
  private final CheckpointListener listener;

  public CheckpointProtocol(
      CheckpointStore store,
      BertConfig modelConfig,
      BertTokenizer tokenizer,
      Path tokenizerFile,
      String topic,
      long seed,
      OffsetCommitter committer,
      Journal journals,
      CheckpointListener listener) {
    this.store = store;
    this.modelConfig = modelConfig;
    this.tokenizer = tokenizer;
    this.tokenizerFile = tokenizerFile;
    this.topic = topic;
    this.seed = seed;
    this.committer = committer;
    this.journals = journals;
    this.listener = listener;
  }

  /** Checkpoints {@code state} after {@code step}; returns the checkpoint's directory. */
  public Path save(TrainingState state, long step, long examples, InputPosition position)
      throws IOException {
    long started = System.nanoTime();
    journals.sync();
    String tokenizerName = tokenizerFile.getFileName().toString();
    CheckpointManifest manifest =
        new CheckpointManifest(
            CheckpointManifest.FORMAT,
            step,
            seed,
            examples,
            tokenizer.fingerprint(),
            tokenizerName,
            topic,
            position,
            Instant.now().toString(),
            null);
    Map<String, CheckpointStore.FileContent> files = new LinkedHashMap<>();
    files.put(CheckpointFiles.MODEL, state::writeParameters);
    files.put(CheckpointFiles.OPTIMIZER, state::writeOptimizerState);
    files.put(
        CheckpointFiles.CONFIG,
        out -> out.write(modelConfig.toJson().getBytes(StandardCharsets.UTF_8)));
    files.put(tokenizerName, out -> Files.copy(tokenizerFile, out));
    Path directory = store.write(manifest, files);
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
