package io.bertstream.stream.recipe;

import java.util.Optional;
import java.util.Random;

/**
 * Random-next segments for held-out documents: from the held-out pool when it knows another
 * document, else from the training pool, with the segment marked unmaskable so that every masked-LM
 * label of a held-out example stays held-out text. Without the fallback a held-out document that is
 * the first of its partition could only make true-next pairs, and held-out examples, which are few
 * and start the eval topic, would be nearly all one NSP class.
 */
public record FallbackSegments(RandomSegmentSource primary, RandomSegmentSource fallback)
    implements RandomSegmentSource {

  @Override
  public Optional<Segment> draw(String excludeDocId, int targetLength, Random random) {
    Optional<Segment> own = primary.draw(excludeDocId, targetLength, random);
    if (own.isPresent()) {
      return own;
    }
    return fallback
        .draw(excludeDocId, targetLength, random)
        .map(s -> new Segment(s.docId(), s.tokens(), false));
  }
}
