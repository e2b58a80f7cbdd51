package io.bertstream.runtime;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The HTTP endpoints every long-running service exposes: {@code /metrics} (Prometheus text), {@code
 * /health/live} and {@code /health/ready} for Kubernetes probes, and beside them any pages of the
 * service's own (the trainer's dashboard).
 *
 * <p>Services that already run an HTTP server (the ingestor's) add these routes to it with {@link
 * #addRoutes}; the others start one with {@link #start}.
 */
public final class OpsServer implements AutoCloseable {

  private final Javalin app;

  private OpsServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts a server serving only the ops routes where {@code settings} say (port 0 picks a free
   * one); callers start none when {@link OpsSettings#enabled()} is false.
   */
  public static OpsServer start(
      OpsSettings settings, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    return start(settings, registry, ready, config -> {});
  }

  /**
   * Starts a server like {@link #start(OpsSettings, PrometheusMeterRegistry, BooleanSupplier)},
   * with a service's own pages beside the ops routes: {@code pages} adds them to the server's
   * configuration (routes, static files) before it starts.
   */
  public static OpsServer start(
      OpsSettings settings,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      Consumer<JavalinConfig> pages) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("the ops server is off: " + settings);
    }
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              pages.accept(config);
            });
    addRoutes(app, registry, ready);
    app.start(settings.host(), settings.port());
    return new OpsServer(app);
  }

  public static void addRoutes(
      Javalin app, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    app.get("/health/live", ctx -> ctx.result("ok"));
    app.get(
        "/health/ready",
        ctx -> {
          boolean isReady = ready.getAsBoolean();
          ctx.status(isReady ? 200 : 503).result(isReady ? "ready" : "not ready");
        });
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
