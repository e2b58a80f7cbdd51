package io.bertstream.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * AdamW (Loshchilov and Hutter) computed as torch's {@code AdamW} and HuggingFace's: decoupled
 * weight decay {@code p ← p·(1 − lr·wd)}, then the bias-corrected Adam step {@code p ← p −
 * (lr/(1−β₁ᵗ))·m/(√v/√(1−β₂ᵗ) + ε)}. Defaults are BERT's: β₁ 0.9, β₂ 0.999, ε 1e-6, weight decay
 * 0.01 except on biases and LayerNorm parameters, global gradient-norm clipping at 1.0.
 *
 * <p>Unlike DJL's optimizers, the moments and step counts are keyed by parameter <em>name</em> and
 * can be exported and imported exactly ({@link #exportState}, {@link #importState}), so a resumed
 * run continues bit for bit. The learning rate of update {@code t} comes from a {@link Tracker}
 * such as {@link LearningRateSchedule}, a pure function of {@code t}.
 *
 * <p>Use {@link #step(Map)} after the backward pass (clips, updates, zeroes the gradients). DJL's
 * {@code Trainer} path, {@link #update(String, NDArray, NDArray)}, works too after {@link
 * #register(Map)}, but DJL applies no global-norm clipping there.
 */
public final class AdamW extends Optimizer implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdamW.class);

  /** Prefix of every array in {@link #exportState}; other arrays are ignored on import. */
  public static final String STATE_PREFIX = "adamw/";

  private static final String EXP_AVG = STATE_PREFIX + "exp_avg/";
  private static final String EXP_AVG_SQ = STATE_PREFIX + "exp_avg_sq/";
  private static final String STEP = STATE_PREFIX + "step/";

  private final Tracker learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final double maxGradNorm;
  private final Predicate<String> decays;
  private final NDManager stateManager;
  private final Map<String, String> namesById = new HashMap<>();
  private final Map<String, Moments> moments = new TreeMap<>();

  /** Per-parameter state; the step count is per parameter as in torch. */
  private static final class Moments {
    NDArray expAvg;
    NDArray expAvgSq;
    long step;
  }

  /** What one {@link #step(Map)} did, for logging and metrics. */
  public record StepStats(long step, float learningRate, float gradNorm) {

    /** Whether the update was skipped because the gradients were not finite. */
    public boolean skipped() {
      return !Float.isFinite(gradNorm);
    }
  }

  private AdamW(Builder b) {
    super(b);
    this.learningRate = b.learningRate;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.maxGradNorm = b.maxGradNorm;
    this.decays = b.decays;
    this.stateManager = NDManager.newBaseManager();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * BERT's rule (HuggingFace's {@code no_decay = ["bias", "LayerNorm.weight"]}): weight decay on
   * everything except biases and LayerNorm parameters, judged by the parameter's name.
   */
  public static boolean decaysByDefault(String name) {
    // gamma/beta: LayerNorm's names when DJL's own parameter paths are used as names
    return !(name.endsWith("bias")
        || name.contains("LayerNorm")
        || name.endsWith("gamma")
        || name.endsWith("beta"));
  }

  /** Lets {@link #update(String, NDArray, NDArray)} find names from DJL's parameter ids. */
  public void register(Map<String, Parameter> named) {
    named.forEach((name, p) -> namesById.put(p.getId(), name));
  }

  /**
   * Clips the gradients of all trainable parameters to the global norm, applies one update to each,
   * and zeroes the gradients for the next backward pass.
   *
   * @param named parameters by name (e.g. {@code HuggingFaceNames.of(model)}); names key the state
   */
  public StepStats step(Map<String, Parameter> named) {
    List<String> names = new ArrayList<>();
    List<NDArray> weights = new ArrayList<>();
    List<NDArray> grads = new ArrayList<>();
    try (NoGrad noGrad = NoGrad.enter()) {
      for (Map.Entry<String, Parameter> e : named.entrySet()) {
        NDArray w = e.getValue().getArray();
        if (e.getValue().requiresGradient() && w.hasGradient()) {
          names.add(e.getKey());
          weights.add(w);
          grads.add(w.getGradient());
        }
      }
      float norm;
      try (NDArray n = GradientClipping.clipGlobalNorm(grads, maxGradNorm)) {
        norm = n.getFloat();
      }
      if (!Float.isFinite(norm)) {
        // One non-finite gradient would turn every parameter and moment into NaN for good;
        // skip the update (as mixed-precision trainers do) and let the next batch try again.
        LOG.warn("gradient norm is {}: update skipped, parameters unchanged", norm);
        for (int i = 0; i < names.size(); i++) {
          zeroGradient(weights.get(i), grads.get(i));
        }
        long step = names.isEmpty() ? 0 : stepOf(names.get(0));
        return new StepStats(step, 0f, norm);
      }
      long step = 0;
      float lr = 0;
      for (int i = 0; i < names.size(); i++) {
        Moments m = apply(names.get(i), weights.get(i), grads.get(i));
        step = m.step;
        lr = learningRate.getNewValue((int) m.step);
        zeroGradient(weights.get(i), grads.get(i));
      }
      return new StepStats(step, lr, norm);
    } finally {
      // getGradient() hands out a new wrapper each call; close them or they pile up per step.
      grads.forEach(NDArray::close);
    }
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    String name = namesById.get(parameterId);
    if (name == null) {
      throw new IllegalStateException(
          "parameter " + parameterId + " is not registered; call register(names) first");
    }
    try (NoGrad noGrad = NoGrad.enter()) {
      apply(name, weight, grad);
    }
    // DJL's parameter server hands over a copy of the gradient and expects the optimizer to
    // clear the weight's own, as its built-in optimizers do.
    zeroGradient(weight, grad);
  }

  private Moments apply(String name, NDArray weight, NDArray grad) {
    Moments s = moments.computeIfAbsent(name, k -> newMoments(weight));
    if (!s.expAvg.getDevice().equals(weight.getDevice())) {
      s.expAvg = moveTo(s.expAvg, weight);
      s.expAvgSq = moveTo(s.expAvgSq, weight);
    }
    s.step++;
    double lr = learningRate.getNewValue(checkedInt(s.step));
    if (Double.isNaN(lr) || Double.isInfinite(lr)) {
      throw new IllegalStateException("learning rate is " + lr + " at step " + s.step);
    }
    double wd = getWeightDecay();
    if (wd != 0 && lr != 0 && decays.test(name)) {
      weight.muli((float) (1 - lr * wd));
    }
    try (NDArray g1 = grad.mul(1 - beta1)) {
      s.expAvg.muli(beta1).addi(g1);
    }
    try (NDArray g2 = grad.mul(grad)) {
      s.expAvgSq.muli(beta2).addi(g2.muli(1 - beta2));
    }
    double bc1 = 1 - Math.pow(beta1, s.step);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, s.step));
    float stepSize = (float) (lr / bc1);
    try (NDArray denom = s.expAvgSq.sqrt();
        NDArray update = s.expAvg.div(denom.divi((float) bc2Sqrt).addi(epsilon))) {
      weight.subi(update.muli(stepSize));
    }
    return s;
  }

  private Moments newMoments(NDArray weight) {
    Moments s = new Moments();
    s.expAvg = weight.zerosLike();
    s.expAvg.attach(stateManager);
    s.expAvgSq = weight.zerosLike();
    s.expAvgSq.attach(stateManager);
    return s;
  }

  private NDArray moveTo(NDArray state, NDArray weight) {
    NDArray moved = state.toDevice(weight.getDevice(), true);
    moved.attach(stateManager);
    state.close();
    return moved;
  }

  private static void zeroGradient(NDArray weight, NDArray grad) {
    if (weight instanceof PtNDArray pt) {
      JniUtils.zeroGrad(pt); // zero_() also clears NaN/Inf, which x − x would keep
    } else {
      grad.subi(grad);
    }
  }

  /** Number of updates applied to the named parameter, 0 if none. */
  public long stepOf(String name) {
    Moments s = moments.get(name);
    return s == null ? 0 : s.step;
  }

  /**
   * Copies of the whole state onto {@code manager}'s device, named {@code adamw/exp_avg/NAME},
   * {@code adamw/exp_avg_sq/NAME} and {@code adamw/step/NAME} (an int64 scalar), in name order —
   * ready for {@code NDList.encode(…, SAFETENSORS)}.
   */
  public NDList exportState(NDManager manager) {
    NDList out = new NDList();
    moments.forEach(
        (name, s) -> {
          out.add(copy(s.expAvg, manager, EXP_AVG + name));
          out.add(copy(s.expAvgSq, manager, EXP_AVG_SQ + name));
          NDArray step = manager.create(s.step);
          step.setName(STEP + name);
          out.add(step);
        });
    return out;
  }

  /**
   * The moment arrays {@link #exportState} copies, without copying them: exportState's names
   * ({@code adamw/exp_avg/NAME}, {@code adamw/exp_avg_sq/NAME}) → the live arrays, in name order.
   * For a writer that streams the state to a file one array at a time, so the state never needs a
   * second copy in memory; valid until the next step, and neither to be closed nor changed.
   */
  public SortedMap<String, NDArray> momentsView() {
    SortedMap<String, NDArray> view = new TreeMap<>();
    moments.forEach(
        (name, s) -> {
          view.put(EXP_AVG + name, s.expAvg);
          view.put(EXP_AVG_SQ + name, s.expAvgSq);
        });
    return view;
  }

  /** exportState's step names ({@code adamw/step/NAME}) → each parameter's update count. */
  public SortedMap<String, Long> stepCounts() {
    SortedMap<String, Long> steps = new TreeMap<>();
    moments.forEach((name, s) -> steps.put(STEP + name, s.step));
    return steps;
  }

  /**
   * Replaces the whole state with the one {@link #exportState} produced (arrays are copied, so
   * {@code state} may be closed afterwards). Arrays whose names do not start with {@value
   * #STATE_PREFIX} are ignored, so a whole checkpoint may be passed.
   *
   * @throws IllegalArgumentException if a parameter lacks one of its three arrays
   */
  public void importState(NDList state) {
    StateImport replacement = beginImport();
    state.forEach(replacement::add);
    replacement.commit();
  }

  /**
   * Starts replacing the whole state one array at a time, for a reader that streams it from a file:
   * {@link StateImport#add} each array exportState named, then {@link StateImport#commit}. Until
   * the commit the current state stays in use.
   */
  public StateImport beginImport() {
    return new StateImport();
  }

  /** A state being read in; see {@link #beginImport}. */
  public final class StateImport {
    private final Map<String, Moments> loaded = new TreeMap<>();

    private StateImport() {}

    /**
     * Copies one array (so the caller may close it right after). Arrays whose names do not start
     * with {@value #STATE_PREFIX} are ignored.
     */
    public void add(NDArray a) {
      String key = a.getName();
      if (key == null || !key.startsWith(STATE_PREFIX)) {
        return;
      }
      if (key.startsWith(EXP_AVG_SQ)) {
        moments(loaded, key, EXP_AVG_SQ).expAvgSq = copy(a, stateManager, null);
      } else if (key.startsWith(EXP_AVG)) {
        moments(loaded, key, EXP_AVG).expAvg = copy(a, stateManager, null);
      } else if (key.startsWith(STEP)) {
        moments(loaded, key, STEP).step = a.toType(DataType.INT64, false).getLong();
      } else {
        throw new IllegalArgumentException("unknown optimizer state array " + key);
      }
    }

    /**
     * Swaps the state read in for the current one.
     *
     * @throws IllegalArgumentException if a parameter lacks one of its three arrays
     */
    public void commit() {
      loaded.forEach(
          (name, s) -> {
            if (s.expAvg == null || s.expAvgSq == null || s.step <= 0) {
              throw new IllegalArgumentException("incomplete optimizer state for " + name);
            }
          });
      moments.values().forEach(AdamW::closeMoments);
      moments.clear();
      moments.putAll(loaded);
    }
  }

  private static Moments moments(Map<String, Moments> loaded, String key, String prefix) {
    return loaded.computeIfAbsent(key.substring(prefix.length()), k -> new Moments());
  }

  private static NDArray copy(NDArray a, NDManager manager, String name) {
    NDArray c =
        a.getDevice().equals(manager.getDevice())
            ? a.duplicate()
            : a.toDevice(manager.getDevice(), true);
    c.attach(manager);
    if (name != null) {
      c.setName(name);
    }
    return c;
  }

  private static void closeMoments(Moments s) {
    if (s.expAvg != null) {
      s.expAvg.close();
    }
    if (s.expAvgSq != null) {
      s.expAvgSq.close();
    }
  }

  private static int checkedInt(long step) {
    if (step > Integer.MAX_VALUE) {
      throw new IllegalStateException(String.format(Locale.ROOT, "step %d overflows", step));
    }
    return (int) step;
  }

  @Override
  public void close() {
    stateManager.close();
  }

  /** Builds an {@link AdamW}; every setting has BERT's default. */
  public static final class Builder extends OptimizerBuilder<Builder> {

    private Tracker learningRate = Tracker.fixed(1e-4f);
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-6f;
    private double maxGradNorm = 1.0;
    private Predicate<String> decays = AdamW::decaysByDefault;

    Builder() {
      optWeightDecays(0.01f);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Learning rate per update number (1-based); default a fixed 1e-4. */
    public Builder optLearningRate(Tracker learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder optBetas(float beta1, float beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    public Builder optEpsilon(float epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** Global gradient-norm limit applied by {@link AdamW#step(Map)}; ≤ 0 disables clipping. */
    public Builder optMaxGradNorm(double maxGradNorm) {
      this.maxGradNorm = maxGradNorm;
      return this;
    }

    /** Which parameter names get weight decay (default {@link AdamW#decaysByDefault}). */
    public Builder optDecays(Predicate<String> decays) {
      this.decays = decays;
      return this;
    }

    public AdamW build() {
      return new AdamW(this);
    }
  }
}
