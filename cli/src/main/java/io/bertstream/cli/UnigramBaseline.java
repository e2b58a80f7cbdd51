package io.bertstream.cli;

import io.bertstream.ingestor.source.CorpusTexts;
import io.bertstream.tokenizer.BertTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The masked-LM loss of a model that knows only how often each token occurs: the entropy of the
 * corpus's token distribution, in nats like the trainer's cross-entropy. Masked positions are drawn
 * uniformly from the non-special tokens, so this is what always predicting the corpus's token
 * frequencies scores; a model below it has learned something from context.
 */
record UnigramBaseline(double loss, long tokens) {

  private static final int BATCH = 64;

  static UnigramBaseline of(Path corpus, BertTokenizer tokenizer) throws IOException {
    long[] counts = new long[tokenizer.vocabSize()];
    List<String> batch = new ArrayList<>(BATCH);
    CorpusTexts.of(List.of(corpus))
        .read(
            text -> {
              batch.add(text);
              if (batch.size() == BATCH) {
                count(tokenizer, batch, counts);
              }
            },
            () -> "");
    count(tokenizer, batch, counts);
    return fromCounts(counts);
  }

  static UnigramBaseline fromCounts(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    double entropy = 0;
    for (long count : counts) {
      if (count > 0) {
        double p = (double) count / total;
        entropy -= p * Math.log(p);
      }
    }
    return new UnigramBaseline(entropy, total);
  }

  private static void count(BertTokenizer tokenizer, List<String> texts, long[] counts) {
    if (texts.isEmpty()) {
      return;
    }
    for (int[] ids : tokenizer.encodeIds(texts)) {
      for (int id : ids) {
        counts[id]++;
      }
    }
    texts.clear();
  }
}
