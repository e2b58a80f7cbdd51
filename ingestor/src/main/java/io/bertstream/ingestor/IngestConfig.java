package io.bertstream.ingestor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code bertstream ingest} run.
 *
 * @param inputs files, directories, or {@code -} for stdin
 * @param format how inputs are parsed
 * @param split how plain text is cut into documents
 * @param include glob over file names or paths relative to a directory argument (empty = all)
 * @param rules id, size, encoding and DLQ rules
 * @param progressInterval how often progress is logged when not on a terminal
 */
public record IngestConfig(
    List<String> inputs,
    InputFormat format,
    TextSplit split,
    Optional<String> include,
    DocumentRules rules,
    Duration progressInterval) {

  public static final String STDIN = "-";

  public IngestConfig {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(progressInterval, "progressInterval");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no input: give files, directories or - for stdin");
    }
  }

  /** Defaults for everything but the inputs. */
  public static IngestConfig of(List<String> inputs) {
    return new IngestConfig(
        inputs,
        InputFormat.AUTO,
        TextSplit.NONE,
        Optional.empty(),
        DocumentRules.defaults(),
        Duration.ofSeconds(10));
  }

  /** Every setting at its default (reading standard input), for the command line to start from. */
  public static IngestConfig defaults() {
    return of(List.of(STDIN));
  }

  public IngestConfig withFormat(InputFormat newFormat) {
    return new IngestConfig(inputs, newFormat, split, include, rules, progressInterval);
  }

  public IngestConfig withSplit(TextSplit newSplit) {
    return new IngestConfig(inputs, format, newSplit, include, rules, progressInterval);
  }

  public IngestConfig withInclude(String glob) {
    return new IngestConfig(inputs, format, split, Optional.of(glob), rules, progressInterval);
  }

  public IngestConfig withRules(DocumentRules newRules) {
    return new IngestConfig(inputs, format, split, include, newRules, progressInterval);
  }
}
