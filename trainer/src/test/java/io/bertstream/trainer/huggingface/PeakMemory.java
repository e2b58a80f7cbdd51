package io.bertstream.trainer.huggingface;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Time and peak memory of one piece of work in this JVM, measured three ways because each misses
 * something: the heap pools' peak usage (summed over pools, so an upper bound; garbage not yet
 * collected counts), the kernel's peak resident set {@code VmHWM} (reset through {@code
 * /proc/self/clear_refs}; it also counts file pages a memory mapping brought in, which the kernel
 * may drop at will), and anonymous resident memory {@code RssAnon} sampled every few milliseconds
 * (heap, native tensors and direct buffers, without file pages; a peak shorter than the interval
 * can be missed). Linux only.
 */
final class PeakMemory {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final long SAMPLE_INTERVAL_MS = 5;

  /** Work that may throw. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /**
   * What {@link #measure} saw; bytes throughout.
   *
   * @param rssBefore resident set when the work started (after a GC)
   * @param rssPeak {@code VmHWM} at the end; since the start when {@code peakReset}, else since the
   *     JVM started
   * @param anonBefore anonymous resident memory when the work started
   * @param anonPeak the largest anonymous resident memory sampled during the work
   * @param directBefore Java direct buffers allocated when the work started
   * @param directAfter Java direct buffers still allocated after the work (DJL's PyTorch engine
   *     keeps an array in the direct buffer it was set from)
   */
  record Measured(
      double wallSeconds,
      double cpuSeconds,
      long heapPeak,
      long rssBefore,
      long rssPeak,
      boolean peakReset,
      long anonBefore,
      long anonPeak,
      long directBefore,
      long directAfter) {}

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private PeakMemory() {}

  /** Runs {@code work} after a GC and a reset of every peak, and reports its time and peaks. */
  static Measured measure(Work work) throws Exception {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    boolean peakReset = resetPeakRss();
    Sampler sampler = new Sampler();
    long rssBefore = status("VmRSS");
    long anonBefore = sampler.max;
    long directBefore = directMemory();
    Thread thread = new Thread(sampler, "rss-sampler");
    thread.setDaemon(true);
    thread.start();
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    try {
      work.run();
    } finally {
      sampler.running = false;
      thread.join();
    }
    double wallSeconds = (System.nanoTime() - wall) / 1e9;
    double cpuSeconds = (OS.getProcessCpuTime() - cpu) / 1e9;
    long heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    sampler.sample();
    return new Measured(
        wallSeconds,
        cpuSeconds,
        heapPeak,
        rssBefore,
        status("VmHWM"),
        peakReset,
        anonBefore,
        sampler.max,
        directBefore,
        directMemory());
  }

  private static long directMemory() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(p -> p.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }

  /** Writing 5 to clear_refs sets VmHWM to the current resident set (Linux 4.0 and later). */
  private static boolean resetPeakRss() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A field of {@code /proc/self/status} given in kB, in bytes. */
  static long status(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field + ":")) {
          String kb = line.substring(field.length() + 1).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + STATUS + "; this measurement needs Linux", e);
    }
    throw new IllegalStateException(STATUS + " has no " + field);
  }

  /** Keeps the largest {@code RssAnon} seen until told to stop. */
  private static final class Sampler implements Runnable {
    volatile boolean running = true;
    volatile long max;

    Sampler() {
      sample();
    }

    void sample() {
      max = Math.max(max, status("RssAnon"));
    }

    @Override
    public void run() {
      while (running) {
        sample();
        try {
          Thread.sleep(SAMPLE_INTERVAL_MS); // the sampling interval, not a wait for a state
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
