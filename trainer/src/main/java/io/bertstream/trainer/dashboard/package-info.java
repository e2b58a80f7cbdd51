/**
 * The live dashboard the trainer serves on its ops port: a page from the jar, uPlot from its
 * WebJar, and {@code /api/history}, the run's history ({@link io.bertstream.trainer.history}) as
 * JSON.
 */
package io.bertstream.trainer.dashboard;
