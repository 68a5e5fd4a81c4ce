// The timeline: events per day as bars stacked by PLOVER type, drawn on a canvas (one draw for any number
// of days).  A click on a bar narrows the filters to that day.
"use strict";

ES.drawTimeline = function (canvas, data, onPickDay) {
  const width = canvas.clientWidth || 600;
  const height = canvas.clientHeight || 120;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const days = data.days || [];
  const pad = { left: 30, right: 6, top: 6, bottom: 18 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  ctx.font = "10px system-ui, sans-serif";
  ctx.fillStyle = "#555";
  if (!days.length) {
    ctx.fillText("no dated events", pad.left, pad.top + 20);
    canvas.onclick = null;
    return;
  }
  const totals = days.map((_, i) => data.series.reduce((sum, s) => sum + s.counts[i], 0));
  const max = Math.max(...totals, 1);
  // Days are placed on a real time axis so gaps between reported days stay visible.
  const t0 = Date.parse(days[0]);
  const t1 = Date.parse(days[days.length - 1]);
  const span = Math.max((t1 - t0) / 86400000 + 1, 1);
  const barW = Math.max(plotW / span, 1.5);
  const xOf = (day) => pad.left + ((Date.parse(day) - t0) / 86400000) * (plotW / span);
  days.forEach((day, i) => {
    let y = pad.top + plotH;
    for (const s of data.series) {
      const n = s.counts[i];
      if (!n) continue;
      const h = (n / max) * plotH;
      ctx.fillStyle = ES.typeColor(s.type);
      ctx.fillRect(xOf(day), y - h, Math.max(barW - (barW > 4 ? 1 : 0), 1), h);
      y -= h;
    }
  });
  ctx.fillStyle = "#555";
  ctx.fillText(String(max), 2, pad.top + 8);
  ctx.fillText("0", 2, pad.top + plotH);
  ctx.fillText(days[0], pad.left, height - 4);
  const last = days[days.length - 1];
  ctx.fillText(last, width - pad.right - ctx.measureText(last).width, height - 4);
  canvas.onclick = (event) => {
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    let best = null;
    let bestDist = Infinity;
    for (const day of days) {
      const d = Math.abs(xOf(day) + barW / 2 - x);
      if (d < bestDist) { best = day; bestDist = d; }
    }
    if (best && bestDist <= Math.max(barW, 6)) onPickDay(best);
  };
};

ES.drawLegend = function (element, types) {
  element.replaceChildren(...types.map((t) => ES.el("span", { class: "swatch-item" },
    ES.el("span", { class: "swatch", style: `background:${ES.typeColor(t)}` }), t)));
};
