package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

  private final BrokerSettings settings = new BrokerSettings(Path.of("/tmp/x/logs"), 9092, 9093);

  private final BrokerSettings secured =
      settings.securedBy(
          BrokerSecurity.saslSsl(Path.of("/tmp/x/server.p12"), "store-pw"),
          9094,
          new Password("broker-pw"));

  @Test
  void shouldUseOnlyConfigNamesTheBrokerKnows() {
    // A misspelt name would be ignored by the broker without a word.
    assertThat(KafkaConfig.configDef().names())
        .containsAll(settings.toProperties().stringPropertyNames());
    // listener.name.<listener>.<name> overrides <name> for one listener; super.users is the
    // authorizer's own setting.
    assertThat(KafkaConfig.configDef().names())
        .containsAll(
            secured.toProperties().stringPropertyNames().stream()
                .filter(name -> !name.equals(StandardAuthorizer.SUPER_USERS_CONFIG))
                .map(
                    name ->
                        name.replaceFirst(
                            "^listener\\.name\\.[a-z]+\\.(scram-sha-512\\.|plain\\.)?", ""))
                .toList());
  }

  @Test
  void shouldServeClientsSaslSslOnlyAndTheBrokerItselfOnLoopbackListenersOfItsOwn() {
    Properties props = secured.toProperties();
    KafkaConfig config = KafkaConfig.fromProps(props, false);

    assertThat(props.getProperty("listeners"))
        .isEqualTo("CLIENT://127.0.0.1:9092,INTERNAL://127.0.0.1:9094,CONTROLLER://127.0.0.1:9093");
    assertThat(props.getProperty("listener.security.protocol.map"))
        .isEqualTo("CLIENT:SASL_SSL,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    assertThat(props)
        .containsEntry("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512")
        .containsEntry("super.users", "User:broker")
        .containsEntry(
            "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    assertThat(config.interBrokerListenerName().value()).isEqualTo("INTERNAL");
    assertThat(secured.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(secured.superUserConfig())
        .containsEntry("bootstrap.servers", "127.0.0.1:9094")
        .containsEntry("security.protocol", "SASL_PLAINTEXT");
    assertThat(secured.superUserConfig().toString()).doesNotContain("broker-pw");
  }

  @Test
  void shouldBeAValidCombinedBrokerAndControllerConfig() {
    KafkaConfig config = KafkaConfig.fromProps(settings.toProperties(), false);

    assertThat(config.getInt("node.id")).isEqualTo(BrokerSettings.NODE_ID);
    assertThat(config.getList("process.roles")).containsExactlyInAnyOrder("broker", "controller");
  }

  @Test
  void shouldSizeEveryInternalTopicForOneReplicaSoTransactionsWork() {
    Properties props = settings.toProperties();

    assertThat(props)
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0");
  }

  @Test
  void shouldListenOnLoopbackOnly() {
    Properties props = settings.toProperties();

    assertThat(props.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
    assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
  }

  @Test
  void shouldRejectTheSamePortForClientsAndController() {
    assertThatThrownBy(() -> new BrokerSettings(Path.of("/tmp/x"), 9092, 9092))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9092");
  }

  @Test
  void shouldRejectPortsOutOfRange() {
    assertThatThrownBy(() -> new BrokerSettings(Path.of("/tmp/x"), 0, 9093))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BrokerSettings(Path.of("/tmp/x"), 9092, 70000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
