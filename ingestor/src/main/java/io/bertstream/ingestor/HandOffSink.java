package io.bertstream.ingestor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes items from the reading thread to one publishing thread through a small bounded queue, so
 * reading, gunzipping, decoding and parsing overlap with Avro encoding and compression (which the
 * Kafka producer does on the thread that calls send). Order is kept; the queue bounds memory to
 * {@code capacity} documents.
 */
final class HandOffSink implements ItemSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HandOffSink.class);
  private static final Object END = new Object();

  private record Replaced(String location) {}

  private record Detected(String location, String charset) {}

  private final BlockingQueue<Object> queue;
  private final ItemSink downstream;
  private final Thread worker;
  private final AtomicLong failed = new AtomicLong();
  private boolean closed;

  HandOffSink(ItemSink downstream, int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.downstream = downstream;
    this.worker = new Thread(this::drain, "ingest-publisher");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void document(Candidate candidate) {
    put(candidate);
  }

  @Override
  public void reject(Rejection rejection) {
    put(rejection);
  }

  @Override
  public void replacedInvalidUtf8(String location) {
    put(new Replaced(location));
  }

  @Override
  public void detectedCharset(String location, String charset) {
    put(new Detected(location, charset));
  }

  /** Items the publishing thread could not hand on (an unexpected error, logged). */
  long failed() {
    return failed.get();
  }

  /** Waits until every item handed over so far has been passed downstream. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    put(END);
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    }
  }

  private void put(Object item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing over a document", e);
    }
  }

  private void drain() {
    while (true) {
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (item == END) {
        return;
      }
      try {
        if (item instanceof Candidate candidate) {
          downstream.document(candidate);
        } else if (item instanceof Rejection rejection) {
          downstream.reject(rejection);
        } else if (item instanceof Replaced replaced) {
          downstream.replacedInvalidUtf8(replaced.location());
        } else if (item instanceof Detected detected) {
          downstream.detectedCharset(detected.location(), detected.charset());
        }
      } catch (RuntimeException e) {
        // Never let the thread die: the reader would block on a full queue forever.
        if (failed.incrementAndGet() <= 10) {
          LOG.error("could not publish an item: {}", e.toString());
        }
      }
    }
  }
}
