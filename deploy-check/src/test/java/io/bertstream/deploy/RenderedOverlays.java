package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every overlay rendered by kustomize and parsed strictly, by overlay name. */
final class RenderedOverlays {

  private RenderedOverlays() {}

  /**
   * Renders every overlay. Without a renderer the checks fail under CI (whose machine image has
   * kubectl) and are skipped, with the reason, elsewhere.
   */
  static Map<String, Manifest> renderAll(Repository repository) throws Exception {
    Kustomize kustomize = requireKustomize();
    StrictManifestParser parser = new StrictManifestParser();
    Map<String, Manifest> manifests = new LinkedHashMap<>();
    for (String overlay : Repository.OVERLAYS) {
      manifests.put(overlay, parser.parse(kustomize.build(repository.overlay(overlay))));
    }
    return manifests;
  }

  static Kustomize requireKustomize() {
    return Kustomize.find()
        .orElseGet(
            () -> {
              if (System.getenv("CI") != null) {
                return fail(Kustomize.unavailableMessage());
              }
              return abort(Kustomize.unavailableMessage());
            });
  }
}
