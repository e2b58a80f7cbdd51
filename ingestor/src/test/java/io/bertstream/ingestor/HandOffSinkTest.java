package io.bertstream.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandOffSinkTest {

  private static Candidate doc(int n) {
    return new Candidate("doc " + n, Optional.empty(), Map.of(), "test", "test:" + n);
  }

  @Test
  void shouldHandOnEveryItemInOrderBeforeCloseReturns() {
    RecordingSink downstream = new RecordingSink();
    try (HandOffSink handOff = new HandOffSink(downstream, 2)) {
      for (int i = 0; i < 100; i++) {
        handOff.document(doc(i));
      }
      handOff.reject(Rejection.at("x", new byte[0], DeadLetterReason.BINARY, "b"));
      handOff.replacedInvalidUtf8("y");
      handOff.detectedCharset("z", "windows-1252");
    }
    assertThat(downstream.documents).hasSize(100);
    assertThat(downstream.documents.get(99).location()).isEqualTo("test:99");
    assertThat(downstream.reasons()).containsExactly(DeadLetterReason.BINARY);
    assertThat(downstream.replaced).containsExactly("y");
    assertThat(downstream.detected).containsExactly("z windows-1252");
  }

  @Test
  void shouldCountItemsThatFailDownstreamAndKeepGoing() {
    RecordingSink recorded = new RecordingSink();
    ItemSink flaky =
        new ItemSink() {
          @Override
          public void document(Candidate candidate) {
            if (candidate.location().equals("test:1")) {
              throw new IllegalStateException("boom");
            }
            recorded.document(candidate);
          }

          @Override
          public void reject(Rejection rejection) {
            recorded.reject(rejection);
          }
        };
    HandOffSink handOff = new HandOffSink(flaky, 1);
    for (int i = 0; i < 5; i++) {
      handOff.document(doc(i));
    }
    handOff.close();
    assertThat(handOff.failed()).isEqualTo(1);
    assertThat(recorded.documents).hasSize(4);
  }
}
