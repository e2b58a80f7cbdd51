package io.bertstream.stream;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.stream.recipe.RecipeConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code bertstream tokenize} needs, immutable. Start from {@link #of} (every other
 * setting at its default) and change settings by name with {@code withX}.
 *
 * @param tokenizer tokenizer.json, vocab.txt or a HuggingFace model directory
 * @param standbyReplicas warm copies of each task's state on other instances
 * @param streamThreads stream threads of this instance
 * @param stateDir where Streams keeps local state (null: a directory under java.io.tmpdir)
 * @param ops where /metrics and /health are served (or not at all)
 */
public record TokenizerStreamConfig(
    KafkaConnection connection,
    Path tokenizer,
    RecipeConfig recipe,
    int standbyReplicas,
    int streamThreads,
    Path stateDir,
    OpsSettings ops) {

  /** Port of the tokenizer stream's ops server unless told otherwise. */
  public static final int DEFAULT_OPS_PORT = 9400;

  public TokenizerStreamConfig {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(ops, "ops");
    if (standbyReplicas < 0) {
      throw new IllegalArgumentException("standby-replicas must not be negative");
    }
    if (streamThreads < 1) {
      throw new IllegalArgumentException("stream-threads must be at least 1");
    }
  }

  /**
   * Reads from {@code connection} with {@code tokenizer}; everything else at its default: the
   * original recipe, no standby replicas, one stream thread, state under java.io.tmpdir, the ops
   * server on port {@value #DEFAULT_OPS_PORT} of every interface.
   */
  public static TokenizerStreamConfig of(KafkaConnection connection, Path tokenizer) {
    return new TokenizerStreamConfig(
        connection,
        tokenizer,
        RecipeConfig.defaults(),
        0,
        1,
        null,
        OpsSettings.on(DEFAULT_OPS_PORT));
  }

  /** Every setting at its default, for the command line to start from and show in its help. */
  public static TokenizerStreamConfig defaults() {
    return of(KafkaConnection.defaults(), Path.of("tokenizer.json"));
  }

  public TokenizerStreamConfig withRecipe(RecipeConfig value) {
    return new TokenizerStreamConfig(
        connection, tokenizer, value, standbyReplicas, streamThreads, stateDir, ops);
  }

  public TokenizerStreamConfig withStandbyReplicas(int value) {
    return new TokenizerStreamConfig(
        connection, tokenizer, recipe, value, streamThreads, stateDir, ops);
  }

  public TokenizerStreamConfig withStreamThreads(int value) {
    return new TokenizerStreamConfig(
        connection, tokenizer, recipe, standbyReplicas, value, stateDir, ops);
  }

  public TokenizerStreamConfig withStateDir(Path value) {
    return new TokenizerStreamConfig(
        connection, tokenizer, recipe, standbyReplicas, streamThreads, value, ops);
  }

  public TokenizerStreamConfig withOps(OpsSettings value) {
    return new TokenizerStreamConfig(
        connection, tokenizer, recipe, standbyReplicas, streamThreads, stateDir, value);
  }

  /** {@code <prefix>-tokenizer-stream}: every replica shares it. */
  public String applicationId() {
    return connection.topics().prefix() + "-tokenizer-stream";
  }
}
