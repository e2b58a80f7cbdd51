/**
 * {@code bertstream report}: a run's loss curves as {@code loss.png} (JFreeChart, drawn headless)
 * and a self-contained {@code report.html}, from the history its journals hold.
 */
package io.bertstream.cli.report;
