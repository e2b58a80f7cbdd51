package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

  @Test
  void shouldPrintNoSecret() {
    KafkaConnection connection =
        new KafkaConnection(
            "broker:9093",
            "https://bob:url-s3cret@registry:8081",
            new TopicNames("demo"),
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"bob\" password=\"jaas-s3cret\";",
                "ssl.truststore.password", "store-s3cret",
                "basic.auth.user.info", "bob:basic-s3cret",
                "bearer.auth.token", "token-s3cret",
                "schema.registry.ssl.keystore.key", "-----BEGIN PRIVATE KEY----- key-s3cret"));

    assertThat(connection.toString())
        .doesNotContain("s3cret")
        .contains("broker:9093", "https://[hidden]@registry:8081", "security.protocol=SASL_SSL")
        .contains("sasl.jaas.config=[hidden]", "bearer.auth.token=[hidden]");
  }
}
