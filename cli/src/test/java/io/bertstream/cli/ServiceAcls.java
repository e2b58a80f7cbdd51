package io.bertstream.cli;

import static io.bertstream.local.SecuredStackExtension.allow;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import io.bertstream.stream.TokenizerStreamConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs each service needs on a secured cluster, and nothing more: what docs/security.md tells
 * operators to grant, here so that the secured pipeline test proves the list is enough. WRITE and
 * READ imply DESCRIBE; an idempotent producer needs no cluster right once it may WRITE a topic.
 */
final class ServiceAcls {

  private ServiceAcls() {}

  /** {@code ingest} and {@code ingest serve}: produce documents and dead letters. */
  static List<AclBinding> ingest(String user, TopicNames topics) {
    return List.of(
        topic(user, topics.docs(), AclOperation.WRITE),
        topic(user, topics.docsDlq(), AclOperation.WRITE));
  }

  /**
   * {@code tokenize}, a Kafka Streams app with exactly-once: read documents, write examples and
   * dead letters, own its internal topics, its consumer group and its transactional ids, all named
   * after the application id.
   */
  static List<AclBinding> tokenize(String user, TopicNames topics) {
    return List.of(
        topic(user, topics.docs(), AclOperation.READ),
        topic(user, topics.examples(), AclOperation.WRITE),
        topic(user, topics.examplesEval(), AclOperation.WRITE),
        topic(user, topics.docsDlq(), AclOperation.WRITE),
        allow(
            user,
            ResourceType.TOPIC,
            applicationId(topics) + "-",
            PatternType.PREFIXED,
            AclOperation.ALL),
        allow(
            user,
            ResourceType.GROUP,
            applicationId(topics),
            PatternType.LITERAL,
            AclOperation.READ),
        allow(
            user,
            ResourceType.TRANSACTIONAL_ID,
            applicationId(topics) + "-",
            PatternType.PREFIXED,
            AclOperation.WRITE));
  }

  /** {@code tokenize} minus WRITE on the examples topic. */
  static List<AclBinding> tokenizeWithoutWritingExamples(String user, TopicNames topics) {
    return tokenize(user, topics).stream()
        .filter(acl -> !acl.pattern().name().equals(topics.examples()))
        .toList();
  }

  /** {@code train}: read examples (and held-out ones), commit to its group for monitoring. */
  static List<AclBinding> train(String user, TopicNames topics) {
    return List.of(
        topic(user, topics.examples(), AclOperation.READ),
        topic(user, topics.examplesEval(), AclOperation.READ),
        allow(
            user,
            ResourceType.GROUP,
            trainerGroup(topics),
            PatternType.LITERAL,
            AclOperation.READ));
  }

  /** {@code inspect docs} and {@code vocab train --from-topic}: read without a group. */
  static List<AclBinding> readDocs(String user, TopicNames topics) {
    return List.of(topic(user, topics.docs(), AclOperation.READ));
  }

  static String applicationId(TopicNames topics) {
    return TokenizerStreamConfig.of(
            KafkaConnection.defaults().withTopicPrefix(topics.prefix()), Path.of("t"))
        .applicationId();
  }

  /** The trainer's default group, {@code <prefix>.trainer}. */
  static String trainerGroup(TopicNames topics) {
    return topics.prefix() + ".trainer";
  }

  private static AclBinding topic(String user, String name, AclOperation operation) {
    return allow(user, ResourceType.TOPIC, name, PatternType.LITERAL, operation);
  }
}
