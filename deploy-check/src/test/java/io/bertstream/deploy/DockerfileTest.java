package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileTest {

  private final Repository repository = Repository.locate();

  private Dockerfile dockerfile(String name) {
    return Dockerfile.parse(repository.read(repository.docker(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void shouldBuildTheJarWithTheWrapperInAStageOfItsOwn(String name) {
    Dockerfile dockerfile = dockerfile(name);

    assertThat(dockerfile.all("FROM")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(dockerfile.all("FROM").get(0)).endsWith(" AS build");
    assertThat(dockerfile.all("RUN"))
        .anySatisfy(
            run -> {
              assertThat(run).contains("./mvnw", "-pl cli -am package");
              assertThat(run).contains("cli/target/bertstream.jar");
            });
    assertThat(dockerfile.finalStage("COPY")).anyMatch(copy -> copy.startsWith("--from=build "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void shouldRunAsANonRootUserWithTheBertstreamEntrypoint(String name) {
    Dockerfile dockerfile = dockerfile(name);

    List<String> users = dockerfile.finalStage("USER");
    assertThat(users).isNotEmpty();
    String uid = users.get(users.size() - 1).split(":")[0];
    assertThat(uid).as("numeric uid, so runAsNonRoot can verify it").matches("[0-9]+");
    assertThat(Integer.parseInt(uid)).isPositive();
    assertThat(dockerfile.finalStage("ENTRYPOINT")).containsExactly("[\"bertstream\"]");
    assertThat(dockerfile.pairs("ENV")).containsKey("DJL_CACHE_DIR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.cuda"})
  void shouldLabelTheImageWithTheProjectsReleaseVersion(String name) {
    assertThat(dockerfile(name).pairs("LABEL"))
        .containsEntry("org.opencontainers.image.version", repository.releaseTag());
  }

  @Test
  void shouldRunTheJarOfflineFromTheEntrypointScript() {
    String script = repository.read(repository.docker("bertstream.sh"));

    assertThat(script)
        .contains(
            "exec java",
            "-Dai.djl.offline=true",
            "-cp \"/opt/bertstream/bertstream.jar:/opt/bertstream/lib/*\" io.bertstream.cli.Bertstream",
            "\"$@\"");
    // The class the script starts is the jar's own entry point.
    assertThat(repository.read(repository.root().resolve("cli/pom.xml")))
        .contains("<mainClass>io.bertstream.cli.Bertstream</mainClass>");
    assertThat(dockerfile("Dockerfile").finalStage("COPY"))
        .contains("--from=build /bertstream.jar /opt/bertstream/bertstream.jar");
  }

  @Test
  void shouldLeaveTheCpuLibtorchOutOfTheCudaBuild() {
    assertThat(dockerfile("Dockerfile.cuda").all("RUN")).anyMatch(run -> run.contains("-Pcuda"));
    String cliPom = repository.read(repository.root().resolve("cli/pom.xml"));
    assertThat(cliPom.substring(cliPom.indexOf("<id>cuda</id>")))
        .contains("<artifactId>pytorch-native-cpu</artifactId>");
  }

  @Test
  void shouldPointDjlAtALibtorchOfTheVersionAndFlavorItsJniLibraryWasBuiltFor() throws IOException {
    Dockerfile cuda = dockerfile("Dockerfile.cuda");
    Map<String, String> env = cuda.pairs("ENV");
    String pytorchVersion = repository.pomProperty("pytorch.version");
    String flavor = env.get("PYTORCH_FLAVOR");

    assertThat(env)
        .containsEntry("PYTORCH_VERSION", pytorchVersion)
        .containsKey("PYTORCH_LIBRARY_PATH");
    assertThat(flavor).matches("cu[0-9]+");
    // The JNI glue DJL will pick for this flavor is in the pytorch-jni jar the jar ships with.
    assertThat(getClass().getResource("/jnilib/linux-x86_64/" + flavor + "/libdjl_torch.so"))
        .as("pytorch-jni has a " + flavor + " JNI library")
        .isNotNull();
    Properties jni = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/jnilib/pytorch.properties")) {
      jni.load(in);
    }
    assertThat(jni.getProperty("jni_version")).startsWith(pytorchVersion + "-");
    // The libtorch the image brings is that PyTorch version built for that CUDA version.
    String cudaVersion =
        flavor.substring(2, flavor.length() - 1) + "." + flavor.substring(flavor.length() - 1);
    assertThat(cuda.pairs("ARG").get("TORCH_IMAGE"))
        .contains(":" + pytorchVersion + "-cuda" + cudaVersion + "-");
  }
}
