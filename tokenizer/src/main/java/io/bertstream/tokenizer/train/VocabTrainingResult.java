package io.bertstream.tokenizer.train;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a training run produced.
 *
 * @param tokenizerJson the HuggingFace tokenizer.json written
 * @param vocabTxt the vocab.txt written beside it
 * @param vocabSize tokens in the vocabulary (below the target when the corpus ran out of pairs)
 * @param words words counted, repeats included
 * @param wordTypes distinct words counted
 * @param skipped entries the corpora skipped as unusable: bad lines or files, undecodable records
 * @param fingerprint the tokenizer_id of the result
 * @param counting time spent reading and counting
 * @param merging time spent building the vocabulary
 */
public record VocabTrainingResult(
    Path tokenizerJson,
    Path vocabTxt,
    int vocabSize,
    long words,
    int wordTypes,
    long skipped,
    String fingerprint,
    Duration counting,
    Duration merging) {}
