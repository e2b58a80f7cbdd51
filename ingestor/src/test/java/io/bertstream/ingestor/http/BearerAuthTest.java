package io.bertstream.ingestor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerAuthTest {

  @Test
  void shouldAllowEverythingWhenNoTokenIsConfigured() {
    assertThat(new BearerAuth(Optional.empty()).allows(null)).isTrue();
  }

  @Test
  void shouldAllowOnlyTheExactTokenWhenOneIsConfigured() {
    BearerAuth auth = new BearerAuth(Optional.of("abc123"));
    assertThat(auth.allows("Bearer abc123")).isTrue();
    assertThat(auth.allows("bearer abc123")).isTrue();
    assertThat(auth.allows(null)).isFalse();
    assertThat(auth.allows("Bearer abc1234")).isFalse();
    assertThat(auth.allows("Bearer abc12")).isFalse();
    assertThat(auth.allows("Basic abc123")).isFalse();
    assertThat(auth.allows("Bearer")).isFalse();
  }
}
