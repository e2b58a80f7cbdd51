/** {@code bertstream inspect}: prints the first or latest records of the docs or examples topic. */
package io.bertstream.ingestor.inspect;
