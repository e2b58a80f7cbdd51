/**
 * BERT WordPiece tokenizers: loading a HuggingFace {@code tokenizer.json}, a {@code vocab.txt} or a
 * HuggingFace model directory into DJL ({@link io.bertstream.tokenizer.BertTokenizer}), writing
 * them (a model directory's four tokenizer files: {@link
 * io.bertstream.tokenizer.HuggingFaceTokenizerFiles}), and the {@code tokenizer_id} fingerprint.
 */
package io.bertstream.tokenizer;
