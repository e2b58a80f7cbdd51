/**
 * BERT's pretraining-data recipe on token ids, one small class per step: {@link
 * io.bertstream.stream.recipe.SentenceSplitter}, {@link io.bertstream.stream.recipe.SegmentPacker},
 * {@link io.bertstream.stream.recipe.PairBuilder}, {@link
 * io.bertstream.stream.recipe.PairTruncator}, {@link io.bertstream.stream.recipe.Masker}, tied
 * together per document by {@link io.bertstream.stream.recipe.ExampleRecipe}. Every step takes its
 * {@code java.util.Random} from the caller; nothing here knows about Kafka.
 */
package io.bertstream.stream.recipe;
