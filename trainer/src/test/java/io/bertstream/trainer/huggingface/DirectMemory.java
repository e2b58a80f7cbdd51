package io.bertstream.trainer.huggingface;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** The JVM's direct-buffer pool, which {@code -XX:MaxDirectMemorySize} caps. */
final class DirectMemory {

  private DirectMemory() {}

  /** Bytes of direct buffers allocated and not yet freed. */
  static long used() {
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        return pool.getMemoryUsed();
      }
    }
    throw new IllegalStateException("this JVM reports no direct buffer pool");
  }
}
