package io.bertstream.trainer.inference;

import io.bertstream.tokenizer.BertTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A text with {@code [MASK]} markers as model input: {@code [CLS] pieces [SEP]}, each marker one
 * {@code [MASK]} id. The markers are split out before word-piece encoding, so they survive whatever
 * the tokenizer's normalisation does to brackets and case.
 *
 * @param inputIds the sequence
 * @param maskPositions indices of the {@code [MASK]} ids in it
 */
public record MaskedText(int[] inputIds, int[] maskPositions) {

  public static final String MARKER = "[MASK]";

  public static MaskedText encode(BertTokenizer tokenizer, String text) {
    List<Integer> ids = new ArrayList<>();
    List<Integer> masks = new ArrayList<>();
    ids.add(tokenizer.clsId());
    String[] pieces = text.split(java.util.regex.Pattern.quote(MARKER), -1);
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        masks.add(ids.size());
        ids.add(tokenizer.maskId());
      }
      if (!pieces[i].isBlank()) {
        for (int id : tokenizer.encodeIds(pieces[i])) {
          ids.add(id);
        }
      }
    }
    ids.add(tokenizer.sepId());
    if (masks.isEmpty()) {
      throw new IllegalArgumentException("no " + MARKER + " in '" + text + "'");
    }
    return new MaskedText(
        ids.stream().mapToInt(Integer::intValue).toArray(),
        masks.stream().mapToInt(Integer::intValue).toArray());
  }
}
