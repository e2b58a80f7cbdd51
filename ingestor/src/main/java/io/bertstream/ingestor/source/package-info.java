/**
 * Where documents come from: files, directories, gzip, stdin; plain text and JSON Lines, read as a
 * stream and turned into candidates or rejections one at a time.
 */
package io.bertstream.ingestor.source;
