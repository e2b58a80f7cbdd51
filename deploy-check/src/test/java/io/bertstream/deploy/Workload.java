package io.bertstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A rendered object that runs pods: its pod template and whether it runs until stopped. */
record Workload(
    String kind, String name, Map<String, String> podLabels, PodSpec pod, boolean longRunning) {

  static List<Workload> of(Manifest manifest) {
    List<Workload> workloads = new ArrayList<>();
    for (Deployment d : manifest.all(Deployment.class)) {
      workloads.add(
          new Workload(
              "Deployment",
              d.getMetadata().getName(),
              d.getSpec().getTemplate().getMetadata().getLabels(),
              d.getSpec().getTemplate().getSpec(),
              true));
    }
    for (StatefulSet s : manifest.all(StatefulSet.class)) {
      workloads.add(
          new Workload(
              "StatefulSet",
              s.getMetadata().getName(),
              s.getSpec().getTemplate().getMetadata().getLabels(),
              s.getSpec().getTemplate().getSpec(),
              true));
    }
    for (Job j : manifest.all(Job.class)) {
      workloads.add(
          new Workload(
              "Job",
              j.getMetadata().getName(),
              j.getSpec().getTemplate().getMetadata().getLabels(),
              j.getSpec().getTemplate().getSpec(),
              false));
    }
    return workloads;
  }

  /** Init containers and containers alike. */
  List<Container> allContainers() {
    return Stream.concat(
            pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream(),
            pod.getContainers().stream())
        .toList();
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }
}
