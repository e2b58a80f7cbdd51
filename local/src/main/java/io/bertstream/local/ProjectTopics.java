package io.bertstream.local;

import io.bertstream.runtime.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the project's four topics for one prefix; topics that already exist are left alone. */
public final class ProjectTopics {

  private static final Logger log = LoggerFactory.getLogger(ProjectTopics.class);

  private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);

  /** Partitions per topic unless asked otherwise. */
  public static final int DEFAULT_PARTITIONS = 12;

  private ProjectTopics() {}

  /**
   * Creates {@code <prefix>.docs}, {@code .docs.dlq}, {@code .examples} and {@code .examples.eval}
   * with {@code partitions} partitions and one replica each, unless they exist; waits until the
   * creation is done. Returns the names of the topics it created.
   */
  public static List<String> create(Admin admin, TopicNames topics, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String name : topics.all()) {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, partitions, (short) 1));
        }
      }
      warnOnPartitionMismatch(admin, topics, existing, partitions);
      List<String> created = new ArrayList<>();
      for (Map.Entry<String, KafkaFuture<Void>> result :
          admin.createTopics(missing).values().entrySet()) {
        try {
          result.getValue().get();
          created.add(result.getKey());
        } catch (ExecutionException e) {
          // Someone else created it between our listing and our request: that is fine.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      if (!created.isEmpty()) {
        awaitLeaders(admin, created);
        log.info("Created topics {} with {} partitions", created, partitions);
      }
      return List.copyOf(created);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot create the topics for prefix " + topics.prefix() + ": " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * The controller acknowledges a creation before the broker has loaded it; wait until every
   * partition has a leader, so a client using the topics right away finds them.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws ExecutionException, InterruptedException {
    Instant deadline = Instant.now().plus(VISIBLE_TIMEOUT);
    while (true) {
      try {
        Collection<TopicDescription> descriptions =
            admin.describeTopics(names).allTopicNames().get().values();
        boolean led =
            descriptions.stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (led) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "topics " + names + " have no leaders after " + VISIBLE_TIMEOUT.toSeconds() + " s");
      }
      // Polling backoff between metadata requests; the next poll checks again.
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static void warnOnPartitionMismatch(
      Admin admin, TopicNames topics, Set<String> existing, int partitions)
      throws ExecutionException, InterruptedException {
    List<String> ours = topics.all().stream().filter(existing::contains).toList();
    if (ours.isEmpty()) {
      return;
    }
    for (TopicDescription description : admin.describeTopics(ours).allTopicNames().get().values()) {
      if (description.partitions().size() != partitions) {
        log.warn(
            "Topic {} already exists with {} partitions, not {}; keeping it as it is",
            description.name(),
            description.partitions().size(),
            partitions);
      }
    }
  }
}
