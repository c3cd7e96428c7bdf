"use strict";
// The playground's page: it keeps one session on the server (made on load,
// closed by a beacon when the tab goes, kept alive by a heartbeat while
// paused), sends the settings, asks for epochs, and draws what comes back.

const $ = (id) => document.getElementById(id);
const tab = { id: null, playing: false, gen: 0, looping: false, settings: null, curve: [], train: [], test: [] };
window.playground = tab; // for the browser test and the curious

const ORANGE = [245, 147, 34], WHITE = [232, 234, 235], BLUE = [8, 119, 189];

function settings() {
  const hidden = $("hidden").value.split(/[\s,]+/).filter((s) => s !== "").map(Number);
  return {
    dataset: $("dataset").value,
    noise: Number($("noise").value),
    trainPercent: Number($("trainPercent").value),
    batchSize: Number($("batchSize").value),
    learningRate: Number($("learningRate").value),
    activation: $("activation").value,
    hidden: hidden,
    features: [...document.querySelectorAll("#features input:checked")].map((e) => e.value),
    optimizer: $("optimizer").value,
    seed: Number($("seed").value),
  };
}

async function api(method, path, body) {
  const res = await fetch("api/" + path, {
    method: method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const out = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) {
    const err = new Error(out.error || res.statusText);
    err.status = res.status;
    throw err;
  }
  return out;
}

function say(msg) { $("message").textContent = msg; }

// open makes this tab's session with the page's settings.
async function open() {
  const st = await api("POST", "sessions", settings());
  tab.id = st.id;
  show(st);
}

// reset starts a new network: after a settings change, or by the button.
async function reset() {
  pause();
  tab.gen++; // answers to earlier requests are stale now
  try {
    if (tab.id === null) {
      await open();
    } else {
      show(await api("POST", "sessions/" + tab.id + "/reset", settings()));
    }
    say("");
  } catch (e) {
    if (e.status === 404) { tab.id = null; return reset(); } // expired: start over
    say(e.message);
  }
}

async function train(epochs) {
  if (tab.id === null) await open();
  const gen = tab.gen;
  try {
    const st = await api("POST", "sessions/" + tab.id + "/train", { epochs: epochs });
    if (gen === tab.gen) show(st);
  } catch (e) {
    if (e.status === 404) { tab.id = null; }
    throw e;
  }
}

async function play() {
  tab.playing = true;
  $("play").textContent = "❚❚ Pause";
  if (tab.looping) return; // the running loop carries on
  tab.looping = true;
  while (tab.playing) {
    try {
      await train(5);
    } catch (e) {
      say(e.message);
      pause();
    }
  }
  tab.looping = false;
}

function pause() {
  tab.playing = false;
  $("play").textContent = "▶ Start";
}

function show(st) {
  tab.settings = st.settings;
  if (st.program !== undefined) {
    tab.curve = [];
    tab.train = st.train || [];
    tab.test = st.test || [];
    $("program").textContent = st.program;
    drawPoints();
  }
  tab.curve.push([st.epoch, st.trainLoss, st.testLoss]);
  $("epoch").textContent = st.epoch;
  $("testLoss").textContent = st.testLoss.toFixed(3);
  $("trainLoss").textContent = st.trainLoss.toFixed(3);
  drawField($("field"), decode(st.field), (b) => b / 127.5 - 1);
  drawUnits(st.units || []);
  drawCurve();
}

function decode(b64) {
  const s = atob(b64), out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// color maps v in [-1, 1] to orange (label 0) through white to blue (1).
function color(v) {
  const c = v < 0 ? ORANGE : BLUE, t = Math.min(1, Math.abs(v));
  return WHITE.map((w, i) => Math.round(w + (c[i] - w) * t));
}

function drawField(canvas, bytes, value) {
  const n = Math.round(Math.sqrt(bytes.length));
  canvas.width = n; canvas.height = n;
  const ctx = canvas.getContext("2d"), img = ctx.createImageData(n, n);
  for (let i = 0; i < bytes.length; i++) {
    const c = color(value(bytes[i]));
    img.data.set([c[0], c[1], c[2], 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
}

function drawUnits(units) {
  const box = $("units");
  while (box.children.length > units.length) box.lastChild.remove();
  while (box.children.length < units.length) box.appendChild(document.createElement("canvas"));
  units.forEach((u, i) => {
    const c = box.children[i];
    c.title = "unit " + (i + 1) + ", ±" + u.scale.toPrecision(3);
    drawField(c, decode(u.data), (b) => b / 127.5 - 1);
  });
}

// drawPoints marks the training points (white edge) and, when asked, the
// test points (black edge) over the field; the plane is [-6, 6]².
function drawPoints() {
  const canvas = $("points"), ctx = canvas.getContext("2d"), px = (v) => (v + 6) / 12 * canvas.width;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const mark = (pts, edge) => pts.forEach(([x1, x2, t]) => {
    ctx.beginPath();
    ctx.arc(px(x1), canvas.height - px(x2), 3.5, 0, 2 * Math.PI);
    const c = t > 0.5 ? BLUE : ORANGE;
    ctx.fillStyle = "rgb(" + c.join(",") + ")";
    ctx.fill();
    ctx.strokeStyle = edge;
    ctx.stroke();
  });
  mark(tab.train, "white");
  if ($("showTest").checked) mark(tab.test, "black");
}

// drawCurve plots the training (grey) and test (black) loss by epoch.
function drawCurve() {
  const svg = $("curve"), w = 300, h = 80, pts = tab.curve;
  const top = Math.max(...pts.map((p) => Math.max(p[1], p[2])), 1e-9);
  const last = Math.max(pts[pts.length - 1][0], 1);
  const line = (k) => pts.map((p) => (p[0] / last * w).toFixed(1) + "," + (h - p[k] / top * (h - 4)).toFixed(1)).join(" ");
  svg.innerHTML = "";
  for (const [k, stroke] of [[1, "#999"], [2, "#000"]]) {
    const pl = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    pl.setAttribute("points", line(k));
    pl.setAttribute("fill", "none");
    pl.setAttribute("stroke", stroke);
    pl.setAttribute("stroke-width", "1.5");
    svg.appendChild(pl);
  }
}

function close() {
  if (tab.id !== null) navigator.sendBeacon("api/sessions/" + tab.id + "/close");
  tab.id = null;
}

window.addEventListener("DOMContentLoaded", () => {
  for (const id of ["noise", "trainPercent", "batchSize"]) {
    $(id).addEventListener("input", () => { $(id + "Out").textContent = $(id).value; });
  }
  document.querySelectorAll("#data select, #data input, #features input, #hidden, #controls select")
    .forEach((e) => e.addEventListener("change", reset));
  $("showTest").addEventListener("change", drawPoints);
  $("reset").addEventListener("click", reset);
  $("play").addEventListener("click", () => (tab.playing ? pause() : play()));
  $("step").addEventListener("click", () => { pause(); train(1).catch((e) => say(e.message)); });
  $("copy").addEventListener("click", () => navigator.clipboard.writeText($("program").textContent));
  window.addEventListener("pagehide", close);
  // the heartbeat: a paused tab keeps its session (the server closes idle ones)
  setInterval(() => {
    if (tab.id !== null && !tab.playing) {
      api("GET", "sessions/" + tab.id).catch((e) => {
        if (e.status !== 404) return; // the server may be back at the next beat
        tab.id = null;
        say(e.message + "; Start or Step begins a new one");
      });
    }
  }, 5000);
  reset();
});
