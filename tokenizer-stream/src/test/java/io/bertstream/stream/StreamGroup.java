package io.bertstream.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Which instance of a tokenizer stream owns which input partitions, as the broker's group
 * coordinator sees it. Instances are told apart by their client id ({@code <name>-StreamThread-N-
 * consumer}); each input partition is one task of the topology.
 */
final class StreamGroup {

  private static final String THREAD = "-StreamThread-";

  private final Admin admin;
  private final String applicationId;
  private final String inputTopic;
  private final int partitions;

  StreamGroup(Admin admin, String applicationId, String inputTopic, int partitions) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.inputTopic = inputTopic;
    this.partitions = partitions;
  }

  /**
   * Waits until the group is stable with exactly {@code instances} as members, each owning at least
   * one input partition and all partitions owned, and returns the owner of each partition by name.
   */
  Map<String, Set<Integer>> awaitOwnedBy(Set<String> instances, Duration timeout)
      throws InterruptedException, ExecutionException {
    Instant deadline = Instant.now().plus(timeout);
    Map<String, Set<Integer>> owned = Map.of();
    while (Instant.now().isBefore(deadline)) {
      owned = ownership();
      if (owned != null
          && owned.keySet().equals(instances)
          && owned.values().stream().noneMatch(Set::isEmpty)
          && owned.values().stream().mapToInt(Set::size).sum() == partitions) {
        return owned;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the group "
            + applicationId
            + " did not settle on "
            + instances
            + " each owning tasks within "
            + timeout
            + "; last seen "
            + owned);
  }

  /** Input partitions by instance while the group is stable, null while it is not. */
  private Map<String, Set<Integer>> ownership() throws InterruptedException, ExecutionException {
    ConsumerGroupDescription group =
        admin
            .describeConsumerGroups(List.of(applicationId))
            .describedGroups()
            .get(applicationId)
            .get();
    if (group.groupState() != GroupState.STABLE) {
      return null;
    }
    Map<String, Set<Integer>> owned = new TreeMap<>();
    Set<Integer> seen = new HashSet<>();
    for (MemberDescription member : group.members()) {
      Set<Integer> mine = owned.computeIfAbsent(instanceOf(member), k -> new TreeSet<>());
      for (TopicPartition partition : member.assignment().topicPartitions()) {
        if (partition.topic().equals(inputTopic) && seen.add(partition.partition())) {
          mine.add(partition.partition());
        }
      }
    }
    return owned;
  }

  private static String instanceOf(MemberDescription member) {
    String clientId = member.clientId();
    int thread = clientId.indexOf(THREAD);
    return thread < 0 ? clientId : clientId.substring(0, thread);
  }
}
