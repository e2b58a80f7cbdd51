package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Shows an example the way the model sees it, for {@code bertstream inspect examples --format
 * text}: a header line with the id, NSP label, length and tokenizer, then segment A and segment B
 * on their own lines. A chosen (masked-LM) position reads {@code {shown:original}}: {@code
 * {[MASK]:nation}} for a masked token, {@code {river:nation}} for a random replacement, {@code
 * {nation:nation}} for one left as it was.
 *
 * <pre>
 * sotu-12/3  doc sotu-12  NSP random-next (B from sotu-40)  64 tokens  9 masked  tokenizer 1a2b3c
 *   A: [CLS] the {[MASK]:state} of the union ... [SEP]
 *   B: we will {[MASK]:build} ... [SEP]
 * </pre>
 */
public final class ExampleRenderer {

  private final IntFunction<String> tokens;

  /** {@code tokens} maps an id to its token; {@link #idsOnly()} when no tokenizer is at hand. */
  public ExampleRenderer(IntFunction<String> tokens) {
    this.tokens = tokens;
  }

  /** Renders ids as numbers ({@code #2041}) when the tokenizer is not available. */
  public static ExampleRenderer idsOnly() {
    return new ExampleRenderer(id -> "#" + id);
  }

  /** With the tokenizer's vocabulary ({@code tokenizer::token}). */
  public static ExampleRenderer withVocabulary(WordPieces wordPieces) {
    return new ExampleRenderer(wordPieces::token);
  }

  public String render(PretrainingExample example) {
    List<Integer> ids = example.getInputIds();
    Map<Integer, Integer> labels = new HashMap<>();
    for (int i = 0; i < example.getMaskedPositions().size(); i++) {
      labels.put(example.getMaskedPositions().get(i), example.getMaskedLabels().get(i));
    }
    String nsp =
        example.getIsRandomNext()
            ? "random-next (B from " + example.getBDocId() + ")"
            : "true-next";
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s  doc %s  NSP %s  %d tokens  %d masked  tokenizer %s%n",
                example.getId(),
                example.getDocId(),
                nsp,
                ids.size(),
                labels.size(),
                example.getTokenizerId()));
    int bStart = Math.min(Math.max(example.getSegmentBStart(), 0), ids.size());
    out.append("  A:");
    appendTokens(out, ids, 0, bStart, labels);
    out.append(System.lineSeparator()).append("  B:");
    appendTokens(out, ids, bStart, ids.size(), labels);
    return out.append(System.lineSeparator()).toString();
  }

  private void appendTokens(
      StringBuilder out, List<Integer> ids, int from, int to, Map<Integer, Integer> labels) {
    for (int position = from; position < to; position++) {
      String shown = token(ids.get(position));
      Integer label = labels.get(position);
      out.append(' ');
      if (label == null) {
        out.append(shown);
      } else {
        out.append('{').append(shown).append(':').append(token(label)).append('}');
      }
    }
  }

  private String token(int id) {
    try {
      return tokens.apply(id);
    } catch (RuntimeException e) {
      return "#" + id;
    }
  }
}
