package io.bertstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HuggingFaceNamesTest {

  /** HuggingFace BertForPreTraining state-dict keys and shapes (tied decoder aliases left out). */
  private static Map<String, Shape> expected(int v, int h, int layers, int inter, int pos) {
    Map<String, Shape> m = new LinkedHashMap<>();
    m.put("bert.embeddings.word_embeddings.weight", new Shape(v, h));
    m.put("bert.embeddings.position_embeddings.weight", new Shape(pos, h));
    m.put("bert.embeddings.token_type_embeddings.weight", new Shape(2, h));
    m.put("bert.embeddings.LayerNorm.weight", new Shape(h));
    m.put("bert.embeddings.LayerNorm.bias", new Shape(h));
    for (int i = 0; i < layers; i++) {
      String l = "bert.encoder.layer." + i + ".";
      for (String p : List.of("query", "key", "value")) {
        m.put(l + "attention.self." + p + ".weight", new Shape(h, h));
        m.put(l + "attention.self." + p + ".bias", new Shape(h));
      }
      m.put(l + "attention.output.dense.weight", new Shape(h, h));
      m.put(l + "attention.output.dense.bias", new Shape(h));
      m.put(l + "attention.output.LayerNorm.weight", new Shape(h));
      m.put(l + "attention.output.LayerNorm.bias", new Shape(h));
      m.put(l + "intermediate.dense.weight", new Shape(inter, h));
      m.put(l + "intermediate.dense.bias", new Shape(inter));
      m.put(l + "output.dense.weight", new Shape(h, inter));
      m.put(l + "output.dense.bias", new Shape(h));
      m.put(l + "output.LayerNorm.weight", new Shape(h));
      m.put(l + "output.LayerNorm.bias", new Shape(h));
    }
    m.put("bert.pooler.dense.weight", new Shape(h, h));
    m.put("bert.pooler.dense.bias", new Shape(h));
    m.put("cls.predictions.bias", new Shape(v));
    m.put("cls.predictions.transform.dense.weight", new Shape(h, h));
    m.put("cls.predictions.transform.dense.bias", new Shape(h));
    m.put("cls.predictions.transform.LayerNorm.weight", new Shape(h));
    m.put("cls.predictions.transform.LayerNorm.bias", new Shape(h));
    m.put("cls.seq_relationship.weight", new Shape(2, h));
    m.put("cls.seq_relationship.bias", new Shape(2));
    return m;
  }

  @Test
  void shouldMapEveryParameterOnceOntoHuggingFaceNamesWithTheirShapes() {
    BertConfig config =
        BertConfig.preset("tiny", 40).toBuilder().maxPositions(32).numLayers(3).build();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      BertForPreTraining model = new BertForPreTraining(config);
      model.initialize(manager);
      Map<String, Parameter> named = HuggingFaceNames.of(model);

      Map<String, Shape> shapes = new LinkedHashMap<>();
      named.forEach((k, p) -> shapes.put(k, p.getShape()));
      assertThat(shapes).containsExactlyInAnyOrderEntriesOf(expected(40, 128, 3, 512, 32));

      // every DJL parameter appears exactly once under some name
      List<Parameter> all = model.getParameters().values();
      Map<Parameter, Integer> counts = new IdentityHashMap<>();
      named.values().forEach(p -> counts.merge(p, 1, Integer::sum));
      assertThat(new ArrayList<>(counts.values())).containsOnly(1);
      assertThat(all).hasSize(named.size());
      assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(all);
    }
  }
}
