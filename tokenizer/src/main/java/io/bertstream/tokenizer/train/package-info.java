/**
 * Training a WordPiece vocabulary the way HuggingFace's WordPiece trainer does: BERT normalization
 * and pre-tokenization in Java, streaming word counts, incremental merges ({@link
 * io.bertstream.tokenizer.train.VocabTraining} is the entry point).
 */
package io.bertstream.tokenizer.train;
