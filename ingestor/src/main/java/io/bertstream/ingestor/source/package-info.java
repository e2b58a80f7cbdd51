/**
 * Where documents come from: files, directories, gzip, stdin; plain text and JSON Lines, read as a
 * stream and turned into candidates or rejections one at a time. {@link
 * io.bertstream.ingestor.source.CorpusTexts} reads corpora the same way for training a vocabulary,
 * so a file means the same to {@code ingest} and {@code vocab train}.
 */
package io.bertstream.ingestor.source;
