package io.bertstream.trainer.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A masked-LM loss to beat, drawn as a line under the eval curve: {@code baseline.json} in the
 * checkpoint directory, e.g. {@code {"mlm_loss":6.508,"description":"unigram: always predicting the
 * corpus's token frequencies (2,154,799 tokens)"}}. Optional: the quickstart writes the unigram
 * baseline of its corpus; anyone may write one by hand.
 *
 * @param mlmLoss the baseline's masked-LM loss, in nats like the trainer's
 * @param description what it is, for a legend
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Baseline(double mlmLoss, String description) {

  /** The file's name in the checkpoint directory. */
  public static final String FILE = "baseline.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Baseline {
    Objects.requireNonNull(description, "description");
    if (!Double.isFinite(mlmLoss) || mlmLoss < 0) {
      throw new IllegalArgumentException("a baseline loss is finite and >= 0, got " + mlmLoss);
    }
  }

  /**
   * The baseline of {@code checkpointDir}, if it has one.
   *
   * @throws IOException when the file is there but is not a baseline
   */
  public static Optional<Baseline> read(Path checkpointDir) throws IOException {
    Path file = checkpointDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Baseline.class));
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(
          file + " is not a baseline ({\"mlm_loss\": 6.5, \"description\": \"...\"}): " + e, e);
    }
  }

  /** Writes {@code baseline.json} into {@code checkpointDir}, replacing it at once. */
  public void write(Path checkpointDir) throws IOException {
    Files.createDirectories(checkpointDir);
    Path temp = checkpointDir.resolve(FILE + ".tmp");
    JSON.writeValue(temp.toFile(), this);
    Files.move(
        temp,
        checkpointDir.resolve(FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
