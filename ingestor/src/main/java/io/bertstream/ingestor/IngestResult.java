package io.bertstream.ingestor;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one ingest run.
 *
 * @param files files opened
 * @param bytesRead bytes read from all inputs as stored (compressed where gzip)
 * @param published documents acknowledged by Kafka
 * @param publishedBytes UTF-8 bytes of their text
 * @param skippedEmpty documents without text, skipped
 * @param deadLettered DLQ records acknowledged, by reason
 * @param failed records Kafka did not acknowledge (documents or DLQ records)
 * @param elapsed wall time
 */
public record IngestResult(
    long files,
    long bytesRead,
    long published,
    long publishedBytes,
    long skippedEmpty,
    Map<DeadLetterReason, Long> deadLettered,
    long failed,
    Duration elapsed) {

  public IngestResult {
    deadLettered = Map.copyOf(deadLettered);
  }

  public long deadLetteredTotal() {
    return deadLettered.values().stream().mapToLong(Long::longValue).sum();
  }

  /** 0 when every record reached Kafka (documents or DLQ), else 1. */
  public int exitCode() {
    return failed == 0 ? 0 : 1;
  }

  /** One line for the end of a run. */
  public String summary() {
    String reasons =
        deadLettered.isEmpty()
            ? ""
            : deadLettered.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().code() + "=" + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format(
        Locale.ROOT,
        "published %d, skipped empty %d, dead-lettered %d%s, failed %d"
            + " — %d files, %.1f MB read in %.1fs (%.1f MB/s, %.0f docs/s)",
        published,
        skippedEmpty,
        deadLetteredTotal(),
        reasons,
        failed,
        files,
        bytesRead / 1e6,
        seconds,
        bytesRead / 1e6 / seconds,
        published / seconds);
  }
}
