/**
 * Training a WordPiece vocabulary the way HuggingFace's WordPiece trainer does: BERT normalization
 * and pre-tokenization in Java, streaming word counts, incremental merges ({@link
 * io.bertstream.tokenizer.train.VocabTraining} is the entry point). Texts come from corpus files
 * ({@link io.bertstream.tokenizer.train.CorpusFiles}) or a docs topic ({@link
 * io.bertstream.tokenizer.train.DocsTopicTexts}).
 */
package io.bertstream.tokenizer.train;
