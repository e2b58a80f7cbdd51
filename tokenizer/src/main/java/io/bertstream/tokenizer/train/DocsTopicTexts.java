package io.bertstream.tokenizer.train;

import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Progress;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import io.bertstream.runtime.topic.SnapshotResult;
import io.bertstream.runtime.topic.SnapshotSettings;
import io.bertstream.runtime.topic.TopicSnapshot;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The texts of the RawDocuments on a docs topic, for training a vocabulary. Reads a {@link
 * TopicSnapshot}: without a consumer group (nothing committed), committed records only, up to the
 * end offsets seen at start; partitions in order, each read fully, so the same topic content always
 * yields the same texts in the same order. Undecodable records and tombstones are skipped and
 * counted.
 */
public final class DocsTopicTexts implements TextCorpus {

  private static final Logger LOG = LoggerFactory.getLogger(DocsTopicTexts.class);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final KafkaConnection connection;
  private final String topic;
  private final long maxDocs;
  private final Duration timeout;

  /**
   * @param maxDocs stop after this many texts ({@code <= 0}: read everything)
   * @param timeout fail when the broker answers nothing for this long
   */
  public DocsTopicTexts(KafkaConnection connection, String topic, long maxDocs, Duration timeout) {
    this.connection = connection;
    this.topic = topic;
    this.maxDocs = Math.max(0, maxDocs);
    this.timeout = timeout;
  }

  /**
   * Hands each document's text to {@code sink}; {@code detail} adds to the progress lines.
   *
   * @return records skipped: undecodable ones and tombstones
   */
  @Override
  public long read(Consumer<String> sink, Supplier<String> detail) {
    Topic<String, RawDocument> docs = Topics.create(connection).docs();
    SnapshotSettings settings =
        SnapshotSettings.of("bertstream-vocab").withLimit(maxDocs).withTimeout(timeout);
    try (TopicSnapshot<String, RawDocument> snapshot =
            TopicSnapshot.open(
                connection, new Topic<>(topic, docs.keySerde(), docs.valueSerde()), settings);
        Progress progress = Progress.start("reading " + topic, Progress.Unit.ITEMS, LOG_INTERVAL)) {
      long offsets = snapshot.assignment().offsetsToRead();
      long total = maxDocs > 0 ? Math.min(maxDocs, offsets) : offsets;
      long[] seen = {0};
      SnapshotResult result =
          snapshot.read(
              record -> {
                progress.update(++seen[0], total, detail);
                if (record.value() == null) {
                  return false;
                }
                sink.accept(record.value().getText());
                return true;
              });
      progress.update(seen[0], total, detail);
      LOG.info(
          "read {} documents from {} ({} records skipped as undecodable or empty)",
          result.taken(),
          topic,
          result.skipped());
      return result.skipped();
    }
  }
}
