package io.bertstream.local;

import static io.bertstream.local.SecuredStackExtension.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryClientConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded broker secured: SASL_SSL with SCRAM-SHA-512 users and ACLs. Right credentials and
 * ACLs are served; a wrong password, an untrusted certificate and a missing ACL are refused at
 * once, each with its own exception, never retried.
 */
class SecuredBrokerTest {

  private static final String TOPIC = "secured.records";
  private static final String WRITER = "writer";
  private static final String WRITER_PASSWORD = "writer-pw-s3cret";
  private static final String READER = "reader";
  private static final String READER_PASSWORD = "reader-pw-s3cret";
  private static final String GROUP = "secured-readers";

  /** Far below any client default (60 s), far above a local round trip. */
  private static final Duration AT_ONCE = Duration.ofSeconds(15);

  @RegisterExtension
  static final SecuredStackExtension STACK =
      new SecuredStackExtension(
          security ->
              security
                  .withUser(WRITER, WRITER_PASSWORD)
                  .withUser(READER, READER_PASSWORD)
                  .withAcls(
                      List.of(
                          allow(
                              WRITER,
                              ResourceType.TOPIC,
                              TOPIC,
                              PatternType.LITERAL,
                              AclOperation.WRITE),
                          allow(
                              READER,
                              ResourceType.TOPIC,
                              TOPIC,
                              PatternType.LITERAL,
                              AclOperation.READ),
                          // WRITE elsewhere: enough for an idempotent producer to start.
                          allow(
                              READER,
                              ResourceType.TOPIC,
                              "secured.elsewhere",
                              PatternType.LITERAL,
                              AclOperation.WRITE),
                          allow(
                              READER,
                              ResourceType.GROUP,
                              GROUP,
                              PatternType.LITERAL,
                              AclOperation.READ))));

  @BeforeAll
  static void createTopic() throws Exception {
    STACK
        .admin()
        .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldServeAUserWhatItsAclsAllow() throws Exception {
    try (KafkaProducer<String, String> producer = producer(client(WRITER, WRITER_PASSWORD))) {
      producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> reader = client(READER, READER_PASSWORD);
    reader.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    reader.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(reader, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        records = consumer.poll(Duration.ofMillis(500));
      }
      assertThat(records.records(TOPIC)).extracting(r -> r.value()).contains("v");
      consumer.commitSync();
    }
  }

  @Test
  void shouldRefuseAWrongPasswordAtOnce() {
    Throwable refused =
        atOnce(
            () -> {
              try (KafkaProducer<String, String> producer =
                  producer(client(WRITER, "wrong-" + WRITER_PASSWORD))) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS);
              }
            });

    assertThat(rootOf(refused)).isInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void shouldRefuseABrokerCertificateTheClientDoesNotTrustAtOnce() {
    Map<String, Object> distrustful = client(WRITER, WRITER_PASSWORD);
    distrustful.put("ssl.truststore.location", STACK.strangersTrustStore().toString());

    Throwable refused =
        atOnce(
            () -> {
              try (Admin admin = Admin.create(distrustful)) {
                admin.listTopics().names().get(30, TimeUnit.SECONDS);
              }
            });

    assertThat(rootOf(refused)).isInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void shouldRefuseAWriteNoAclAllowsAtOnce() {
    Throwable refused =
        atOnce(
            () -> {
              try (KafkaProducer<String, String> producer =
                  producer(client(READER, READER_PASSWORD))) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS);
              }
            });

    assertThat(rootOf(refused)).isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void shouldKeepSchemasThroughTheRegistrysOwnPrincipal() {
    Map<String, Object> properties = new HashMap<>(STACK.clientProperties(WRITER, WRITER_PASSWORD));
    properties.put(SchemaRegistryClientConfig.URL, STACK.schemaRegistryUrl());
    SchemaRegistryClient client = SchemaRegistryClient.create(properties);
    Schema schema = SchemaBuilder.record("Secured").fields().requiredString("s").endRecord();

    int id = client.register("secured-value", schema);

    assertThat(client.schemaById(id)).isEqualTo(schema);
  }

  private interface Call {
    void run() throws Exception;
  }

  /** Runs {@code call}, which must fail well before any client timeout; returns the failure. */
  private static Throwable atOnce(Call call) {
    long started = System.nanoTime();
    Throwable failure = catchThrowable(call::run);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AT_ONCE);
    assertThat(failure).isNotNull();
    return failure;
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable root = failure;
    while (root != null
        && root.getCause() != null
        && (root instanceof ExecutionException
            || !(root instanceof org.apache.kafka.common.errors.ApiException))) {
      root = root.getCause();
    }
    return root;
  }

  private static Map<String, Object> client(String user, String password) {
    Map<String, Object> config = new HashMap<>(STACK.clientProperties(user, password));
    config.put("bootstrap.servers", STACK.bootstrapServers());
    return config;
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> config) {
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }
}
