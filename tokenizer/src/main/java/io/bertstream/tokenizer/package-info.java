/**
 * BERT WordPiece tokenizers: loading a HuggingFace {@code tokenizer.json} or a {@code vocab.txt}
 * into DJL ({@link io.bertstream.tokenizer.BertTokenizer}), writing them, and the {@code
 * tokenizer_id} fingerprint.
 */
package io.bertstream.tokenizer;
