/**
 * TLS for {@code ingest serve}: reads the certificate and key (PEM files or a keystore), checks
 * that they belong together, and serves them through Jetty, reloading them when the files change.
 */
package io.bertstream.ingestor.http.tls;
