package io.bertstream.cli;

/**
 * Sets DJL's PyTorch thread counts before the engine loads (it reads them once): intra-op threads
 * to the given number or every available processor, inter-op to 1 since a BERT step is one
 * sequential graph. Values already given with {@code -D} are kept.
 */
final class EngineThreads {

  private static final String INTRA = "ai.djl.pytorch.num_threads";
  private static final String INTER = "ai.djl.pytorch.num_interop_threads";

  private EngineThreads() {}

  static void configure(Integer threads) {
    int intra = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (threads != null || System.getProperty(INTRA) == null) {
      System.setProperty(INTRA, Integer.toString(intra));
    }
    if (System.getProperty(INTER) == null) {
      System.setProperty(INTER, "1");
    }
  }
}
