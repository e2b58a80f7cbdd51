package io.bertstream.ingestor.publish;

import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.Rejection;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/** Candidate → normalized {@link RawDocument} with its id, or the reason it is not one. */
public final class DocumentAssembler {

  private final int maxDocBytes;
  private final int dlqPayloadLimit;
  private final Clock clock;

  public DocumentAssembler(int maxDocBytes, int dlqPayloadLimit, Clock clock) {
    this.maxDocBytes = maxDocBytes;
    this.dlqPayloadLimit = dlqPayloadLimit;
    this.clock = clock;
  }

  public Assembled assemble(Candidate candidate) {
    String text = TextNormalizer.normalize(candidate.text());
    if (text.isBlank()) {
      return new Assembled.Empty(candidate.location());
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    String id = candidate.id().orElseGet(() -> DocumentIds.contentId(text));
    if (utf8.length > maxDocBytes) {
      return new Assembled.Rejected(
          new Rejection(
              id,
              Arrays.copyOf(utf8, Math.min(utf8.length, dlqPayloadLimit)),
              DeadLetterReason.TOO_LARGE,
              utf8.length + " bytes of text, max-doc-bytes " + maxDocBytes,
              candidate.location()));
    }
    RawDocument document =
        RawDocument.newBuilder()
            .setId(id)
            .setText(text)
            .setSource(candidate.source())
            .setAttributes(candidate.attributes())
            .setIngestedAt(clock.instant())
            .build();
    return new Assembled.Ready(document, utf8.length);
  }
}
