package io.bertstream.ingestor.http;

/** A request the server refuses as a whole, with the HTTP status and a reason for the client. */
final class BadRequestException extends Exception {

  private final int status;

  BadRequestException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  int status() {
    return status;
  }
}
