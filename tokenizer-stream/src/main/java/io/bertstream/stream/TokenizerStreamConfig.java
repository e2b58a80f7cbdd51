package io.bertstream.stream;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.stream.recipe.RecipeConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code bertstream tokenize} needs, immutable.
 *
 * @param tokenizer tokenizer.json, vocab.txt or a HuggingFace model directory
 * @param standbyReplicas warm copies of each task's state on other instances
 * @param streamThreads stream threads of this instance
 * @param stateDir where Streams keeps local state (null: a directory under java.io.tmpdir)
 * @param metricsHost address of the /metrics and /health server
 * @param metricsPort its port (0 picks a free one, negative turns it off)
 */
public record TokenizerStreamConfig(
    KafkaConnection connection,
    Path tokenizer,
    RecipeConfig recipe,
    int standbyReplicas,
    int streamThreads,
    Path stateDir,
    String metricsHost,
    int metricsPort) {

  public TokenizerStreamConfig {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(recipe, "recipe");
    if (standbyReplicas < 0) {
      throw new IllegalArgumentException("standby-replicas must not be negative");
    }
    if (streamThreads < 1) {
      throw new IllegalArgumentException("stream-threads must be at least 1");
    }
  }

  /** {@code <prefix>-tokenizer-stream}: every replica shares it. */
  public String applicationId() {
    return connection.topics().prefix() + "-tokenizer-stream";
  }
}
