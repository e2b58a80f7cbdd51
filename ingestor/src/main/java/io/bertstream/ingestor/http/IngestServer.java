package io.bertstream.ingestor.http;

import io.bertstream.ingestor.Candidate;
import io.bertstream.ingestor.http.tls.ServerTls;
import io.bertstream.ingestor.publish.Assembled;
import io.bertstream.ingestor.publish.DocumentAssembler;
import io.bertstream.ingestor.publish.DocumentPublisher;
import io.bertstream.ingestor.publish.IngestMetrics;
import io.bertstream.runtime.ClientFailures;
import io.bertstream.runtime.OpsServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /documents}: publishes the documents of a request and answers with their ids only
 * after Kafka acknowledged every one of them; plus {@code /metrics}, {@code /health/live} and
 * {@code /health/ready}, which need no token and have no rate limit (probes and scrapes).
 *
 * <p>Answers: 200 {@code {"ids": [...], "skipped_empty": n}}; 400 bad JSON, missing text, invalid
 * UTF-8 (with the reason); 401 missing or wrong bearer token; 413 body or document too large; 415
 * unsupported content type; 429 over the client's rate (with {@code Retry-After}); 503 Kafka did
 * not acknowledge in time.
 *
 * <p>A request is checked cheapest first: the client's rate (so a flood of guessed tokens is
 * throttled too), then the token (so no one without it makes the server read a body), then the
 * size.
 */
public final class IngestServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  private final Javalin app;
  private final AtomicBoolean ready;
  private final Optional<ServerTls> tls;
  private final Optional<ScheduledExecutorService> reloader;

  private IngestServer(
      Javalin app,
      AtomicBoolean ready,
      Optional<ServerTls> tls,
      Optional<ScheduledExecutorService> reloader) {
    this.app = app;
    this.ready = ready;
    this.tls = tls;
    this.reloader = reloader;
  }

  public static IngestServer start(
      ServeConfig config,
      DocumentPublisher publisher,
      IngestMetrics metrics,
      PrometheusMeterRegistry registry,
      Clock clock) {
    // Bad TLS files fail here, before anything listens.
    Optional<ServerTls> tls = config.tls().map(ServerTls::load);
    AtomicBoolean ready = new AtomicBoolean(false);
    Handler handler = new Handler(config, publisher, metrics, clock);
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.http.maxRequestSize = config.maxRequestBytes();
              // With a connector of its own, Javalin adds no plain HTTP one.
              tls.ifPresent(
                  t ->
                      javalin.jetty.addConnector(
                          (server, http) ->
                              t.connector(server, http, config.host(), config.port())));
            });
    app.post("/documents", handler::handle);
    OpsServer.addRoutes(app, registry, ready::get);
    if (tls.isPresent()) {
      app.start();
    } else {
      app.start(config.host(), config.port());
    }
    Optional<ScheduledExecutorService> reloader = tls.map(IngestServer::reloadPeriodically);
    ready.set(true);
    IngestServer server = new IngestServer(app, ready, tls, reloader);
    LOG.info(
        "accepting documents on {}{}{}",
        server.url(config.host()),
        config.authToken().isPresent() ? " (bearer token required)" : "",
        config.rateLimit().enabled()
            ? " (at most " + config.rateLimit().describe() + " per client)"
            : "");
    if (config.authToken().isEmpty()) {
      LOG.warn("no --auth-token-file: anyone who reaches the port can publish documents");
    }
    return server;
  }

  public int port() {
    return app.port();
  }

  /** {@code http} or, with TLS, {@code https}. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  /** Where documents are posted, e.g. {@code https://0.0.0.0:8080/documents}. */
  public String url(String host) {
    return scheme() + "://" + host + ":" + port() + "/documents";
  }

  @Override
  public void close() {
    ready.set(false);
    reloader.ifPresent(ScheduledExecutorService::shutdownNow);
    app.stop();
  }

  private static ScheduledExecutorService reloadPeriodically(ServerTls tls) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "ingest-tls-reload");
              thread.setDaemon(true);
              return thread;
            });
    long periodMs = ServerTls.RELOAD_INTERVAL.toMillis();
    Runnable reload =
        () -> {
          // An exception would end the schedule: log it and look again next time.
          try {
            tls.reloadIfChanged();
          } catch (RuntimeException e) {
            LOG.warn("TLS files not reloaded: {}", e.toString());
          }
        };
    executor.scheduleWithFixedDelay(reload, periodMs, periodMs, TimeUnit.MILLISECONDS);
    return executor;
  }

  /** One request: authenticate, bound, parse, assemble, publish, wait for acknowledgements. */
  private static final class Handler {
    private final ServeConfig config;
    private final ClientRateLimiter rateLimiter;
    private final BearerAuth auth;
    private final RequestParser parser;
    private final DocumentAssembler assembler;
    private final DocumentPublisher publisher;
    private final IngestMetrics metrics;
    private final AtomicBoolean fatalLogged = new AtomicBoolean();

    Handler(ServeConfig config, DocumentPublisher publisher, IngestMetrics metrics, Clock clock) {
      this.config = config;
      this.rateLimiter = new ClientRateLimiter(config.rateLimit());
      this.auth = new BearerAuth(config.authToken());
      this.parser = new RequestParser(config.rules());
      this.assembler =
          new DocumentAssembler(
              config.rules().maxDocBytes(), config.rules().dlqPayloadLimit(), clock);
      this.publisher = publisher;
      this.metrics = metrics;
    }

    void handle(Context ctx) {
      // The peer's address, never a forwarding header a client could write itself.
      Optional<Duration> wait = rateLimiter.acquire(ctx.req().getRemoteAddr());
      if (wait.isPresent()) {
        long seconds = retryAfterSeconds(wait.get());
        metrics.refusedRequest("rate_limited");
        ctx.header("Retry-After", Long.toString(seconds));
        error(
            ctx,
            429,
            "over the limit of "
                + config.rateLimit().describe()
                + " per client; retry after "
                + seconds
                + " s");
        return;
      }
      if (!auth.allows(ctx.header("Authorization"))) {
        metrics.refusedRequest("unauthorized");
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

    /** Whole seconds, rounded up, at least 1: what {@code Retry-After} can say. */
    private static long retryAfterSeconds(Duration wait) {
      long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, seconds);
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
      metrics.refusedRequest("too_large");
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
        Optional<String> fatal = ClientFailures.explain(e);
        if (fatal.isPresent()) {
          // Every request fails the same way until an operator fixes the credentials or ACLs.
          if (fatalLogged.compareAndSet(false, true)) {
            LOG.error("cannot publish documents: {}", fatal.get());
          }
          throw new BadRequestException(500, "cannot publish documents: " + fatal.get());
        }
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
