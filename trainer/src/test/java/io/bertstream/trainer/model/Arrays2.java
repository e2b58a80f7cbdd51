package io.bertstream.trainer.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Test helper: writes hand-chosen values into named parameters. */
final class Arrays2 {

  private Arrays2() {}

  static void set(Block block, String hfName, float... values) {
    Parameter parameter = HuggingFaceNames.of(block).get(hfName);
    if (parameter == null) {
      throw new IllegalArgumentException(
          "no parameter " + hfName + " in " + HuggingFaceNames.of(block).keySet());
    }
    parameter.getArray().set(values);
  }
}
