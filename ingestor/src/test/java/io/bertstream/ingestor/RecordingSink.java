package io.bertstream.ingestor;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.util.ArrayList;
import java.util.List;

/** Collects what a source delivers, for assertions. */
public final class RecordingSink implements ItemSink {

  public final List<Candidate> documents = new ArrayList<>();
  public final List<Rejection> rejections = new ArrayList<>();
  public final List<String> replaced = new ArrayList<>();
  public final List<String> detected = new ArrayList<>();

  @Override
  public void document(Candidate candidate) {
    documents.add(candidate);
  }

  @Override
  public void reject(Rejection rejection) {
    rejections.add(rejection);
  }

  @Override
  public void replacedInvalidUtf8(String location) {
    replaced.add(location);
  }

  @Override
  public void detectedCharset(String location, String charset) {
    detected.add(location + " " + charset);
  }

  public List<String> texts() {
    return documents.stream().map(Candidate::text).toList();
  }

  public List<DeadLetterReason> reasons() {
    return rejections.stream().map(Rejection::reason).toList();
  }
}
