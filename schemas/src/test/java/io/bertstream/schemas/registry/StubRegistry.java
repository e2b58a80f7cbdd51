package io.bertstream.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server that answers with scripted responses and records what it was sent, for testing the
 * client's HTTP behaviour (the real registry is tested in the local module).
 */
final class StubRegistry implements AutoCloseable {

  record Response(int status, String body) {}

  record Request(
      String method, String rawPath, String contentType, String authorization, String body) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  StubRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  body));
          Response response = script.size() > 1 ? script.poll() : script.peek();
          if (response == null) {
            response = new Response(500, "{\"error_code\":50000,\"message\":\"no script\"}");
          }
          byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", "application/vnd.schemaregistry.v1+json");
          exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  /** Queues responses; the last one repeats for any further request. */
  StubRegistry answer(int status, String body) {
    script.add(new Response(status, body));
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
