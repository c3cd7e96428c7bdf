// The handwriting recognizer's page: the lecture's drawing script (HWR-06),
// with the notebook's figures (HWR-08..HWR-10) drawn from /api/predict.
"use strict";
(() => {
  const N = 28; // the grid the CNN reads, N x N
  const canvas = document.getElementById("canvas");
  const pen = canvas.getContext("2d");
  const prediction = document.getElementById("prediction");
  const status = document.getElementById("status");
  const svg = document.getElementById("probabilities");
  const SVGNS = "http://www.w3.org/2000/svg";

  const pixels = new Array(N * N).fill(0);
  let stroke = false; // the held button has painted since it went down
  let seq = 0;        // answers to older requests than the newest are dropped

  function blank() {
    pen.fillStyle = "rgb(255,255,255)";
    pen.fillRect(0, 0, canvas.width, canvas.height);
  }

  // paint is the lecture's mousemove handler: an 8x8 square on the canvas
  // and a 2x2 block of ones on the grid at row floor(y/5) and column
  // floor(x/5)+1 (the lecture's one-column shift), clipped at the edge.
  function paint(x, y) {
    pen.fillStyle = "rgb(0,0,0)";
    pen.fillRect(x, y, 8, 8);
    const row = Math.floor(y / 5), col = Math.floor(x / 5) + 1;
    for (let dr = 0; dr < 2; dr++) {
      for (let dc = 0; dc < 2; dc++) {
        const r = row + dr, c = col + dc;
        if (r >= 0 && r < N && c >= 0 && c < N) pixels[r * N + c] = 1;
      }
    }
    stroke = true;
  }

  function endStroke() {
    if (!stroke) return;
    stroke = false;
    predict();
  }

  canvas.addEventListener("mousemove", (e) => {
    if (e.buttons & 1) paint(e.offsetX, e.offsetY);
    else endStroke();
  });
  window.addEventListener("mouseup", endStroke);

  function touchPaint(e) {
    e.preventDefault();
    const box = canvas.getBoundingClientRect();
    for (const t of e.changedTouches) {
      const x = t.clientX - box.left, y = t.clientY - box.top;
      if (x >= 0 && x < canvas.width && y >= 0 && y < canvas.height) paint(x, y);
    }
  }
  // a finger paints where it lands too (a touchmove to the same point never
  // comes); the lecture had only the mouse, whose moves paint
  canvas.addEventListener("touchstart", touchPaint, { passive: false });
  canvas.addEventListener("touchmove", touchPaint, { passive: false });
  canvas.addEventListener("touchend", endStroke);
  canvas.addEventListener("touchcancel", endStroke);

  async function predict() {
    const mine = ++seq;
    const body = JSON.stringify({ image: pixels });
    status.textContent = "";
    try {
      const res = await fetch("api/predict", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      });
      const answer = await res.json();
      if (mine !== seq) return;
      if (!res.ok) throw new Error(answer.error || res.statusText);
      show(answer);
    } catch (err) {
      if (mine === seq) status.textContent = "error: " + err.message;
    }
  }

  function show(answer) {
    prediction.textContent = String(answer.digit);
    bars(answer.probabilities, answer.digit);
    maps("conv1", answer.conv1, 32, N);
    maps("conv2", answer.conv2, 64, N / 2);
  }

  document.getElementById("clear").addEventListener("click", () => {
    seq++;
    stroke = false;
    pixels.fill(0);
    blank();
    prediction.textContent = "";
    status.textContent = "";
    bars(null, -1);
    maps("conv1", null, 32, N);
    maps("conv2", null, 64, N / 2);
  });

  // The HWR-08 bar chart: figsize (4,2), x from -0.5 to 9.5 with a tick
  // per digit, y from 0 to 1, bars of width 0.8 centred on the digits.
  const plot = { left: 36, top: 8, width: 354, height: 164 };
  const xOf = (d) => plot.left + (d + 0.5) / 10 * plot.width;
  const yOf = (p) => plot.top + (1 - p) * plot.height;

  function el(name, attrs, text) {
    const e = document.createElementNS(SVGNS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  }

  const rects = [];
  for (let d = 0; d < 10; d++) {
    rects.push(el("rect", { class: "bar", "data-digit": d, x: xOf(d) - 0.4 * plot.width / 10,
      y: yOf(0), width: 0.8 * plot.width / 10, height: 0 }));
    el("line", { class: "axis", x1: xOf(d), x2: xOf(d), y1: yOf(0), y2: yOf(0) + 4 });
    el("text", { x: xOf(d), y: yOf(0) + 16, "text-anchor": "middle" }, String(d));
  }
  for (let i = 0; i <= 5; i++) {
    const p = i / 5;
    el("line", { class: "axis", x1: plot.left - 4, x2: plot.left, y1: yOf(p), y2: yOf(p) });
    el("text", { x: plot.left - 6, y: yOf(p) + 4, "text-anchor": "end" }, p.toFixed(1));
  }
  el("rect", { class: "axis", x: plot.left, y: plot.top, width: plot.width, height: plot.height });

  function bars(probs, best) {
    rects.forEach((r, d) => {
      const p = probs ? Math.min(Math.max(probs[d], 0), 1) : 0;
      r.setAttribute("y", yOf(p));
      r.setAttribute("height", yOf(0) - yOf(p));
      r.setAttribute("data-p", probs ? String(probs[d]) : "");
      r.classList.toggle("best", d === best);
    });
  }

  // The HWR-09/HWR-10 figures: 16 maps a row, the maps before ReLU, then
  // the maps after it, each in gray_r scaled to its own range, drawn with
  // nearest-neighbour scaling and a frame, as imshow's subplots were.
  const CELL = 56, GAP = 6, COLS = 16;

  function maps(id, fm, count, size) {
    const c = document.getElementById(id);
    const rows = 2 * count / COLS;
    c.width = COLS * (CELL + GAP);
    c.height = rows * (CELL + GAP);
    const g = c.getContext("2d");
    g.imageSmoothingEnabled = false;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, c.width, c.height);
    const tile = document.createElement("canvas");
    tile.width = tile.height = size;
    const t = tile.getContext("2d");
    const img = t.createImageData(size, size);
    const halves = fm ? [fm.before, fm.after] : [];
    halves.forEach((half, h) => {
      const bytes = Uint8Array.from(atob(half.data), (ch) => ch.charCodeAt(0));
      for (let f = 0; f < count; f++) {
        for (let k = 0; k < size * size; k++) {
          const v = 255 - bytes[f * size * size + k]; // gray_r: the maximum is black
          img.data.set([v, v, v, 255], 4 * k);
        }
        t.putImageData(img, 0, 0);
        const cell = h * count + f;
        g.drawImage(tile, (cell % COLS) * (CELL + GAP) + GAP / 2,
          Math.floor(cell / COLS) * (CELL + GAP) + GAP / 2, CELL, CELL);
      }
    });
    g.strokeStyle = "#000";
    g.lineWidth = 1;
    for (let cell = 0; cell < 2 * count; cell++) {
      g.strokeRect((cell % COLS) * (CELL + GAP) + GAP / 2 - 0.5,
        Math.floor(cell / COLS) * (CELL + GAP) + GAP / 2 - 0.5, CELL + 1, CELL + 1);
    }
  }

  blank();
  bars(null, -1);
  maps("conv1", null, 32, N);
  maps("conv2", null, 64, N / 2);
})();
