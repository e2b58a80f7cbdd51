package io.bertstream.trainer.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names every parameter of a {@link BertForPreTraining} with its HuggingFace state-dict key ({@code
 * bert.embeddings.word_embeddings.weight}, {@code cls.predictions.bias}, …). The key is the path of
 * child names with DJL's ordinal prefix removed, and LayerNorm's {@code gamma}/{@code beta} called
 * {@code weight}/{@code bias}. Shapes are identical to HuggingFace's ({@code Linear} stores {@code
 * [out, in]} like torch). The tied decoder weight ({@code cls.predictions.decoder.weight}) and
 * {@code cls.predictions.decoder.bias} are aliases in HuggingFace of {@code
 * bert.embeddings.word_embeddings.weight} and {@code cls.predictions.bias}.
 */
public final class HuggingFaceNames {

  private static final Pattern ORDINAL = Pattern.compile("^\\d+");

  private HuggingFaceNames() {}

  /**
   * Every parameter of the model under its HuggingFace name, in the model's order.
   *
   * @throws IllegalStateException if two parameters would share a name or a parameter is reached
   *     twice (both would break a one-to-one export)
   */
  public static Map<String, Parameter> of(BertForPreTraining model) {
    return of((Block) model);
  }

  /** The same naming for any block: paths relative to it (e.g. {@code LayerNorm.weight}). */
  public static Map<String, Parameter> of(Block model) {
    Map<String, Parameter> named = new LinkedHashMap<>();
    Map<Parameter, String> seen = new IdentityHashMap<>();
    collect(model, "", named, seen);
    return Collections.unmodifiableMap(named);
  }

  private static void collect(
      Block block, String prefix, Map<String, Parameter> named, Map<Parameter, String> seen) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      String name = prefix + parameterName(block, p.getKey());
      Parameter previous = named.putIfAbsent(name, p.getValue());
      String other = seen.putIfAbsent(p.getValue(), name);
      if (previous != null || other != null) {
        throw new IllegalStateException("parameter named twice: " + name);
      }
    }
    for (Pair<String, Block> child : block.getChildren()) {
      String childName = ORDINAL.matcher(child.getKey()).replaceFirst("");
      collect(child.getValue(), prefix + childName + ".", named, seen);
    }
  }

  private static String parameterName(Block owner, String djlName) {
    if (owner instanceof LayerNorm) {
      switch (djlName) {
        case "gamma":
          return "weight";
        case "beta":
          return "bias";
        default:
          return djlName;
      }
    }
    return djlName;
  }
}
