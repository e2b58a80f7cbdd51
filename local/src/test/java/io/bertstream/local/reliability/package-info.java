/**
 * The fault report: outcomes of fault scenarios (documents in, examples committed, lost,
 * duplicated, time to recover) and the table in the repository's RELIABILITY.md that the {@code
 * reliability} profile rewrites. Shipped in the test-jar so every module's fault scenarios write
 * rows of the same table.
 */
package io.bertstream.local.reliability;
