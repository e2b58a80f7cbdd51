package io.bertstream.trainer.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.trainer.history.Baseline;
import io.bertstream.trainer.history.LiveHistory;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The trainer's live page on its ops port: {@code GET /} is a single page (from the jar, {@value
 * #PAGE}) that draws the run's curves with uPlot (from its WebJar, under {@code /uplot/}) and polls
 * {@code GET /api/history} ({@link HistoryJson}) every few seconds. Nothing is fetched from
 * anywhere else. The history is read from the run's journals ({@link LiveHistory}), so it shows
 * every earlier run on the same checkpoint directory too.
 */
public final class Dashboard {

  /** The page's files on the class path. */
  static final String PAGE = "/bertstream/dashboard";

  /** Train points per answer unless {@code ?points=} says otherwise. */
  public static final int DEFAULT_POINTS = 2000;

  private static final int MAX_POINTS = 100_000;
  private static final String UPLOT_PROPERTIES =
      "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

  private final LiveHistory history;
  private final Path checkpointDir;
  private final String uplotDirectory;
  private final ObjectMapper json = new ObjectMapper();

  private Dashboard(Path checkpointDir) {
    this.history = LiveHistory.follow(checkpointDir);
    this.checkpointDir = checkpointDir;
    this.uplotDirectory = uplotDirectory();
  }

  /** The page of the run whose journals are in {@code checkpointDir}. */
  public static Dashboard of(Path checkpointDir) {
    return new Dashboard(checkpointDir);
  }

  /** Adds the page, uPlot and {@code /api/history} to a server being configured. */
  public void addTo(JavalinConfig config) {
    config.router.mount(
        routes -> {
          routes.get("/", ctx -> serve(ctx, PAGE + "/index.html", "text/html; charset=utf-8"));
          routes.get(
              "/dashboard.js",
              ctx -> serve(ctx, PAGE + "/dashboard.js", "text/javascript; charset=utf-8"));
          routes.get(
              "/dashboard.css",
              ctx -> serve(ctx, PAGE + "/dashboard.css", "text/css; charset=utf-8"));
          routes.get(
              "/uplot/uPlot.iife.min.js",
              ctx ->
                  serve(
                      ctx,
                      uplotDirectory + "/uPlot.iife.min.js",
                      "text/javascript; charset=utf-8"));
          routes.get(
              "/uplot/uPlot.min.css",
              ctx -> serve(ctx, uplotDirectory + "/uPlot.min.css", "text/css; charset=utf-8"));
          routes.get("/api/history", this::serveHistory);
        });
  }

  /** The document {@code /api/history} answers now, with at most {@code points} train points. */
  public HistoryJson history(int points) throws IOException {
    return HistoryJson.of(history.current(), Baseline.read(checkpointDir), points);
  }

  private void serveHistory(Context ctx) throws IOException {
    int points = ctx.queryParamAsClass("points", Integer.class).getOrDefault(DEFAULT_POINTS);
    if (points < 2 || points > MAX_POINTS) {
      ctx.status(400).result("points must be between 2 and " + MAX_POINTS);
      return;
    }
    ctx.header("Cache-Control", "no-store")
        .contentType("application/json")
        .result(json.writeValueAsString(history(points)));
  }

  /**
   * Answers with a file of the jar. Routes rather than Javalin's static files: a WebJar's jar has
   * no directory entries, which static files on the class path need.
   */
  private static void serve(Context ctx, String resource, String contentType) throws IOException {
    try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      ctx.header("Cache-Control", "no-cache").contentType(contentType).result(in.readAllBytes());
    }
  }

  /** uPlot's files in its WebJar, whose path names its version. */
  private static String uplotDirectory() {
    try (InputStream in = Dashboard.class.getResourceAsStream(UPLOT_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException(
            "uPlot's WebJar (org.webjars.npm:uplot) is not on the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return "/META-INF/resources/webjars/uplot/" + properties.getProperty("version") + "/dist";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UPLOT_PROPERTIES, e);
    }
  }
}
