package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {

  @Test
  void shouldServeOnEveryInterfaceUnlessToldOtherwise() {
    OpsSettings settings = OpsSettings.on(9400);

    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.withHost("127.0.0.1")).isEqualTo(new OpsSettings("127.0.0.1", 9400));
  }

  @Test
  void shouldTurnTheServerOffWithAnyNegativePort() {
    assertThat(OpsSettings.on(-7)).isEqualTo(OpsSettings.OFF);
    assertThat(OpsSettings.OFF.enabled()).isFalse();
    assertThat(OpsSettings.on(0).enabled()).as("0 picks a free port").isTrue();
  }

  @Test
  void shouldRefuseAPortBeyondTheRange() {
    assertThatThrownBy(() -> OpsSettings.on(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ops-port");
  }

  @Test
  void shouldRefuseToStartAServerThatIsOff() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    assertThatThrownBy(() -> OpsServer.start(OpsSettings.OFF, registry, () -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
