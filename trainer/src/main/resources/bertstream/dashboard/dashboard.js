// The trainer's live page: polls api/history and draws it with uPlot. No build step, no network
// beyond this server. Each chart's section carries data-points (the points it plots), so a test in
// a headless browser can check what was drawn.
"use strict";

const POLL_MS = 5000;
const COLORS = { raw: "rgba(31, 119, 180, 0.25)", smooth: "#1f77b4", eval: "#d62728",
  baseline: "#555", checkpoint: "rgba(0, 0, 0, 0.35)" };

const charts = {};
let checkpoints = [];
let polls = 0;

// Dashed vertical lines at the checkpoints' steps, on every chart over steps.
const checkpointMarks = {
  hooks: {
    draw: [u => {
      const { ctx, bbox } = u;
      let drawn = 0;
      ctx.save();
      ctx.strokeStyle = COLORS.checkpoint;
      ctx.setLineDash([4, 4]);
      for (const step of checkpoints) {
        const x = Math.round(u.valToPos(step, "x", true));
        if (x < bbox.left || x > bbox.left + bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(x, bbox.top);
        ctx.lineTo(x, bbox.top + bbox.height);
        ctx.stroke();
        drawn++;
      }
      ctx.restore();
      u.root.closest("section").dataset.checkpointMarks = drawn;
    }],
  },
};

function chart(id, series, data, yLabel) {
  const section = document.getElementById(id);
  if (!charts[id]) {
    const opts = {
      width: section.clientWidth - 20,
      height: section.classList.contains("wide") ? 320 : 220,
      scales: { x: { time: false } },
      axes: [{ label: "step" }, { label: yLabel, size: 60 }],
      series: [{ label: "step" }, ...series],
      legend: { live: false },
      plugins: [checkpointMarks],
    };
    charts[id] = new uPlot(opts, data, section);
  } else {
    charts[id].setData(data);
  }
  const plotted = charts[id].data.slice(1).map(ys => ys.filter(y => y != null).length);
  section.dataset.points = plotted[0];
  series.forEach((s, i) => { if (s.key) section.dataset[s.key + "Points"] = plotted[i]; });
}

function renderLoss(history) {
  const train = history.train;
  const baseline = history.baseline;
  const joined = uPlot.join([
    [train.step, train.loss, train.loss_smoothed],
    [history.eval.step, history.eval.mlm_loss],
  ]);
  joined.push(joined[0].map(() => (baseline ? baseline.mlm_loss : null)));
  chart("loss", [
    { label: "train loss", stroke: COLORS.raw, width: 1 },
    { label: "smoothed", key: "smoothed", stroke: COLORS.smooth, width: 2 },
    { label: "eval MLM loss", key: "eval", stroke: COLORS.eval, width: 2, spanGaps: true,
      points: { show: true, size: 6 } },
    { label: baseline ? "baseline " + baseline.mlm_loss.toFixed(3) : "baseline (none)",
      key: "baseline", stroke: COLORS.baseline, dash: [8, 6], width: 1.5 },
  ], joined, "loss (nats)");
}

function renderSummary(history) {
  const s = history.summary;
  const parts = ["step " + s.step.toLocaleString(), s.examples.toLocaleString() + " examples"];
  if (s.tokens != null) parts.push(s.tokens.toLocaleString() + " tokens");
  if (s.training_seconds != null) parts.push(duration(s.training_seconds) + " of training");
  if (s.loss != null) parts.push("loss " + s.loss.toFixed(3));
  if (s.eval_mlm_loss != null) {
    parts.push("eval at step " + s.eval_step + ": MLM loss " + s.eval_mlm_loss.toFixed(3)
      + ", MLM accuracy " + s.eval_mlm_accuracy.toFixed(3)
      + ", NSP accuracy " + s.eval_nsp_accuracy.toFixed(3));
  }
  if (history.baseline) {
    parts.push("baseline " + history.baseline.mlm_loss.toFixed(3) + " (" + history.baseline.description + ")");
  }
  parts.push(s.checkpoints + " checkpoints");
  document.getElementById("summary").textContent = parts.join(" · ");
  document.body.dataset.step = s.step;
}

function renderProbes(probes) {
  const section = document.getElementById("probes");
  const body = section.querySelector("tbody");
  body.replaceChildren();
  document.getElementById("probes-step").textContent =
    probes ? "at step " + probes.step : "none yet (--probe \"text with [MASK]\")";
  for (const probe of probes ? probes.probes : []) {
    const row = body.insertRow();
    row.insertCell().textContent = probe.text;
    const guesses = row.insertCell();
    guesses.className = "guesses";
    guesses.textContent = probe.masks.map((mask, i) => (i + 1) + ". " + mask
      .map(g => g.token + " " + g.probability.toFixed(3)).join(", ")).join("\n");
  }
  section.dataset.rows = body.rows.length;
}

function render(history) {
  checkpoints = history.checkpoints.step;
  const train = history.train;
  renderSummary(history);
  renderLoss(history);
  chart("throughput", [{ label: "tokens/s", stroke: COLORS.smooth, width: 1.5 }],
    [train.step, train.tokens_per_second], "tokens/s");
  chart("input-wait", [{ label: "input wait %", stroke: COLORS.smooth, width: 1.5 }],
    [train.step, train.input_wait_share.map(v => (v == null ? null : 100 * v))], "%");
  chart("lag", [{ label: "lag", stroke: COLORS.smooth, width: 1.5 }],
    [train.step, train.consumer_lag], "examples");
  renderProbes(history.probes);
  document.body.dataset.checkpoints = checkpoints.length;
}

function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = Math.floor(seconds % 60);
  return (h ? h + "h " : "") + (h || m ? m + "m " : "") + s + "s";
}

async function poll() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("api/history", { cache: "no-store" });
    if (!response.ok) throw new Error(response.status + ": " + (await response.text()));
    render(await response.json());
    document.body.dataset.state = "live";
    status.textContent = "updated " + new Date().toLocaleTimeString() + ", every "
      + POLL_MS / 1000 + " s";
  } catch (e) {
    document.body.dataset.state = "unreachable";
    status.textContent = "could not update (" + e.message + "); trying again";
  } finally {
    document.body.dataset.polls = ++polls;
    setTimeout(poll, POLL_MS);
  }
}

window.addEventListener("resize", () => {
  for (const [id, u] of Object.entries(charts)) {
    u.setSize({ width: document.getElementById(id).clientWidth - 20, height: u.height });
  }
});

poll();
