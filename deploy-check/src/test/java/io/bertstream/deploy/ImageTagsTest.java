package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One version everywhere: images built from this repository and the Kafka they talk to. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageTagsTest {

  private final Repository repository = Repository.locate();
  private final List<String> images = new ArrayList<>();

  @BeforeAll
  void collectImages() throws Exception {
    for (Map.Entry<String, Manifest> overlay : RenderedOverlays.renderAll(repository).entrySet()) {
      for (Workload workload : Workload.of(overlay.getValue())) {
        for (Container container : workload.allContainers()) {
          images.add(container.getImage());
        }
      }
    }
    for (String file : List.of("compose.yaml", "compose.gpu.yaml")) {
      ComposeFile compose = ComposeFile.parse(repository.read(repository.docker(file)));
      compose.services().values().forEach(service -> images.add(service.image()));
    }
  }

  @Test
  void shouldTagEveryBertstreamImageWithTheProjectsReleaseVersion() {
    List<String> ours = images.stream().filter(image -> image.startsWith("bertstream/")).toList();

    assertThat(ours).hasSizeGreaterThan(10);
    assertThat(ours)
        .allSatisfy(
            image ->
                assertThat(image)
                    .isIn(
                        "bertstream/bertstream:" + repository.releaseTag(),
                        "bertstream/bertstream-cuda:" + repository.releaseTag()));
  }

  @Test
  void shouldRunTheKafkaToolsOfTheVersionTheClientsAreBuiltWith() {
    List<String> kafka = images.stream().filter(image -> image.startsWith("apache/kafka")).toList();

    assertThat(kafka).hasSizeGreaterThanOrEqualTo(4);
    assertThat(kafka).containsOnly("apache/kafka:" + repository.pomProperty("kafka.version"));
  }

  @Test
  void shouldPinEveryImageToATag() {
    assertThat(images)
        .allSatisfy(
            image -> {
              assertThat(image).matches("[^:]+:[^:]+");
              assertThat(image).doesNotEndWith(":latest");
            });
  }

  @Test
  void shouldNameTheSameTagsInTheDockerfilesBuildInstructions() {
    assertThat(repository.read(repository.docker("Dockerfile")))
        .contains("-t bertstream/bertstream:" + repository.releaseTag() + " ");
    assertThat(repository.read(repository.docker("Dockerfile.cuda")))
        .contains("-t bertstream/bertstream-cuda:" + repository.releaseTag() + " ");
  }
}
