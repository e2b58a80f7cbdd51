/**
 * Training a WordPiece vocabulary the way HuggingFace's WordPiece trainer does: BERT normalization
 * and pre-tokenization in Java, streaming word counts, incremental merges ({@link
 * io.bertstream.tokenizer.train.VocabTraining} is the entry point). Texts arrive as a {@link
 * io.bertstream.tokenizer.train.TextCorpus}; this package reads no files; {@link
 * io.bertstream.tokenizer.train.DocsTopicTexts} reads one from a docs topic.
 */
package io.bertstream.tokenizer.train;
