package io.bertstream.ingestor.http;

import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.publish.Assembled;
import io.bertstream.ingestor.publish.DocumentAssembler;
import io.bertstream.ingestor.publish.DocumentPublisher;
import io.bertstream.ingestor.publish.IngestMetrics;
import io.bertstream.runtime.OpsServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /documents}: publishes the documents of a request and answers with their ids only
 * after Kafka acknowledged every one of them; plus {@code /metrics}, {@code /health/live} and
 * {@code /health/ready}.
 *
 * <p>Answers: 200 {@code {"ids": [...], "skipped_empty": n}}; 400 bad JSON, missing text, invalid
 * UTF-8 (with the reason); 401 missing or wrong bearer token; 413 body or document too large; 415
 * unsupported content type; 503 Kafka did not acknowledge in time.
 */
public final class IngestServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  private final Javalin app;
  private final AtomicBoolean ready;

  private IngestServer(Javalin app, AtomicBoolean ready) {
    this.app = app;
    this.ready = ready;
  }

  public static IngestServer start(
      ServeConfig config,
      DocumentPublisher publisher,
      IngestMetrics metrics,
      PrometheusMeterRegistry registry,
      Clock clock) {
    AtomicBoolean ready = new AtomicBoolean(false);
    Handler handler = new Handler(config, publisher, metrics, clock);
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.http.maxRequestSize = config.maxRequestBytes();
            });
    app.post("/documents", handler::handle);
    OpsServer.addRoutes(app, registry, ready::get);
    app.start(config.host(), config.port());
    ready.set(true);
    LOG.info(
        "accepting documents on http://{}:{}/documents{}",
        config.host(),
        app.port(),
        config.authToken().isPresent() ? " (bearer token required)" : "");
    return new IngestServer(app, ready);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    ready.set(false);
    app.stop();
  }

  /** One request: authenticate, bound, parse, assemble, publish, wait for acknowledgements. */
  private static final class Handler {
    private final ServeConfig config;
    private final BearerAuth auth;
    private final RequestParser parser;
    private final DocumentAssembler assembler;
    private final DocumentPublisher publisher;
    private final IngestMetrics metrics;

    Handler(ServeConfig config, DocumentPublisher publisher, IngestMetrics metrics, Clock clock) {
      this.config = config;
      this.auth = new BearerAuth(config.authToken());
      this.parser = new RequestParser(config.rules());
      this.assembler =
          new DocumentAssembler(
              config.rules().maxDocBytes(), config.rules().dlqPayloadLimit(), clock);
      this.publisher = publisher;
      this.metrics = metrics;
    }

    void handle(Context ctx) {
      if (!auth.allows(ctx.header("Authorization"))) {
        ctx.header("WWW-Authenticate", "Bearer");
        error(ctx, 401, "missing or wrong bearer token");
        return;
      }
      try {
        byte[] body = readBody(ctx);
        List<Candidate> candidates = parser.parse(ctx.header("Content-Type"), body);
        respond(ctx, publish(assemble(candidates)));
      } catch (BadRequestException e) {
        error(ctx, e.status(), e.getMessage());
      }
    }

    private byte[] readBody(Context ctx) throws BadRequestException {
      long declared = ctx.req().getContentLengthLong();
      if (declared > config.maxRequestBytes()) {
        throw tooLarge();
      }
      try (InputStream in = ctx.req().getInputStream()) {
        byte[] body = in.readNBytes((int) config.maxRequestBytes() + 1);
        if (body.length > config.maxRequestBytes()) {
          throw tooLarge();
        }
        return body;
      } catch (IOException e) {
        throw new BadRequestException(400, "cannot read the request body: " + e.getMessage());
      }
    }

    private BadRequestException tooLarge() {
      return new BadRequestException(
          413, "request body over the limit of " + config.maxRequestBytes() + " bytes");
    }

    private List<Assembled> assemble(List<Candidate> candidates) throws BadRequestException {
      List<Assembled> assembled = new ArrayList<>(candidates.size());
      for (Candidate candidate : candidates) {
        Assembled one = assembler.assemble(candidate);
        if (one instanceof Assembled.Rejected rejected) {
          throw new BadRequestException(
              413, candidate.location() + ": " + rejected.rejection().detail());
        }
        assembled.add(one);
      }
      return assembled;
    }

    private Map<String, Object> publish(List<Assembled> assembled) throws BadRequestException {
      List<String> ids = new ArrayList<>();
      List<CompletableFuture<?>> acks = new ArrayList<>();
      int skipped = 0;
      for (Assembled one : assembled) {
        if (one instanceof Assembled.Ready ready) {
          ids.add(ready.document().getId());
          acks.add(publisher.publish(ready.document(), ready.textBytes()));
        } else {
          skipped++;
          metrics.skippedEmpty();
        }
      }
      try {
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
            .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new BadRequestException(
            503, "Kafka did not acknowledge every document; retry the request: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BadRequestException(503, "interrupted while waiting for Kafka");
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("ids", ids);
      answer.put("skipped_empty", skipped);
      return answer;
    }

    private static void respond(Context ctx, Map<String, Object> answer) {
      ctx.status(200).json(answer);
    }

    private static void error(Context ctx, int status, String reason) {
      ctx.status(status).json(Map.of("error", reason));
    }
  }
}
