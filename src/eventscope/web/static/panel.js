// The event panel: codes, actors, place, casualty claims side by side with their sources, linked events,
// and the article text with the evidence spans highlighted.
"use strict";

ES.figure = function (claim) {
  if (claim.min !== null && claim.min === claim.max) return String(claim.min);
  if (claim.min !== null && claim.max === null) return `at least ${claim.min}`;
  if (claim.min === null && claim.max !== null) return `up to ${claim.max}`;
  if (claim.min !== null) return `${claim.min}–${claim.max}`;
  return "unknown";
};

ES.actorText = function (actors) {
  if (!actors || !actors.length) return "—";
  return actors.map((a) => {
    const tags = [a.country, a.sector, a.affiliation ? `backed by ${a.affiliation}` : null].filter(Boolean);
    return a.name + (tags.length ? ` (${tags.join(", ")})` : "");
  }).join("; ");
};

// Highlight each evidence span inside its sentence.  `base` is the sentence's offset in the article text
// (null when the store kept only the sentence): a span is placed by its article offsets when they point at its
// text, else found by its text within the sentence; overlapping spans are merged.
ES.highlight = function (sentence, spans, base = null) {
  const ranges = [];
  for (const span of spans) {
    if (!span.text) continue;
    let at = -1;
    if (base !== null && base >= 0 && sentence.slice(span.start - base, span.end - base) === span.text) at = span.start - base;
    else at = sentence.indexOf(span.text);
    if (at >= 0) ranges.push([at, at + span.text.length, span.field]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); last[2] = `${last[2]} ${r[2]}`; }
    else merged.push([...r]);
  }
  const parts = [];
  let pos = 0;
  for (const [start, end, fields] of merged) {
    if (start > pos) parts.push(sentence.slice(pos, start));
    parts.push(ES.el("mark", { class: "evidence-span", title: `evidence: ${fields}` }, sentence.slice(start, end)));
    pos = end;
  }
  parts.push(sentence.slice(pos));
  return parts;
};

// The article as stored: the whole body text when the store has it (text between sentences kept as is),
// else only the sentences behind the evidence with "…" for what is left out.  Evidence sentences are
// shaded and their spans marked; the view scrolls to the first evidence sentence.
ES.articleView = function (article, event) {
  const evidence = event.evidence.filter((ev) => ev.article_id === article.id);
  const claimSentences = new Set();
  for (const count of [event.fatalities, event.injuries]) {
    for (const c of (count && count.claims) || []) if (c.sentence_index !== null) claimSentences.add(c.sentence_index);
  }
  const full = typeof article.text === "string";
  const body = ES.el("div", { class: "article-text" });
  const sentenceEl = (s) => {
    const spans = evidence.filter((ev) => ev.sentence_index === s.index);
    const isEvidence = spans.length > 0;
    return ES.el("span", {
      class: `sentence${isEvidence ? " evidence" : ""}${claimSentences.has(s.index) ? " claim-sentence" : ""}`,
      dataset: { index: s.index },
    }, isEvidence ? ES.highlight(s.text, spans, full ? s.start : null) : s.text);
  };
  if (full) {
    let pos = 0;
    for (const s of article.sentences) {
      if (s.start > pos) body.append(article.text.slice(pos, s.start));
      body.append(sentenceEl(s));
      pos = Math.max(pos, s.end);
    }
    if (pos < article.text.length) body.append(article.text.slice(pos));
  } else {
    let previous = null;
    for (const s of article.sentences) {
      if (previous !== null && s.index > previous + 1) body.append(ES.el("span", { class: "gap" }, " … "));
      body.append(sentenceEl(s), " ");
      previous = s.index;
    }
  }
  requestAnimationFrame(() => {
    const first = body.querySelector(".sentence.evidence");
    if (first) body.scrollTop = Math.max(0, first.offsetTop - 8);
  });
  const link = article.url ? ES.el("a", { href: article.url, target: "_blank", rel: "noopener" }, "source") : null;
  return ES.el("div", { class: "article", dataset: { article: article.id } },
    ES.el("h4", {}, article.title || article.id),
    ES.el("div", { class: "muted" }, [article.published, (article.agencies || []).join(", "), article.source]
      .filter(Boolean).join(" · "), link ? " · " : "", link),
    body,
    ES.el("div", { class: "muted small" }, full
      ? "The whole article; evidence sentences shaded, evidence spans marked."
      : "Shown: the sentences the store keeps of this article (… marks omitted text)."));
};

ES.claimsView = function (title, count, sentences) {
  if (!count || !count.claims || !count.claims.length) return null;
  const cards = count.claims.map((c) => ES.el("div", { class: "claim" },
    ES.el("div", { class: "claim-figure" }, ES.figure(c)),
    ES.el("div", { class: "claim-kind" }, c.kind),
    ES.el("div", { class: "claim-source" }, "per ", ES.el("strong", {}, c.source || "unattributed")),
    ES.el("blockquote", { class: "claim-quote" },
      sentences.get(c.sentence_index) || (c.span && c.span.text) || "")));
  return ES.el("section", { class: "claims-block" },
    ES.el("h3", {}, `${title}: best figure ${count.best === null ? "unknown" : count.best}`,
      count.claims.length > 1 ? ES.el("span", { class: "muted" }, ` — ${count.claims.length} claims`) : null),
    ES.el("div", { class: "claims" }, cards));
};

ES.renderEvent = function (container, event, onSelect) {
  const sentences = new Map();
  for (const a of event.article_records) for (const s of a.sentences) sentences.set(s.index, s.text);
  const place = event.place;
  const date = event.date.date ? event.date.date + (event.date.date_end ? ` … ${event.date.date_end}` : "") : "?";
  const rows = [
    ["Date", `${date} (${event.date.precision})`],
    ["Place", place ? `${place.name}${place.country ? `, ${place.country}` : ""}${place.admin1 ? ` / ${place.admin1}` : ""} (${place.precision})${place.site ? `, at ${place.site.text}` : ""}` : "—"],
    ["Actor", ES.actorText(event.actor1)],
    ["Target", ES.actorText(event.actor2)],
    ["PLOVER", event.plover + (event.plover_mode ? ` / ${event.plover_mode}` : "")],
    ["CAMEO", `${event.cameo} (Goldstein ${event.goldstein})`],
    ["ACLED", [event.acled_type, event.acled_sub_type].filter(Boolean).join(" / ") || "—"],
    ["Modality", event.modality + (event.recalled ? " · recalled past event" : "")],
    ["Reports", `${event.n_articles ?? event.articles.length} article(s), corroboration ${event.corroboration ?? "?"}`],
    ["Sources", (event.sources || []).join(", ") || "—"],
  ];
  const linked = event.linked.length ? ES.el("section", { class: "linked" }, ES.el("h3", {}, "Linked events"),
    ES.el("ul", {}, event.linked.map((link) => ES.el("li", {},
      ES.el("span", { class: "badge" }, `${link.direction === "answers" ? "responds to" : "answered by"} (${link.kind})`), " ",
      ES.el("a", { href: "#", class: "linked-event", dataset: { id: link.event.id },
        onclick: (e) => { e.preventDefault(); onSelect(link.event.id); } },
      `${link.event.date || "?"} ${link.event.plover || ""} ${link.event.place ? link.event.place.name : ""}`),
      ES.el("div", { class: "muted small" }, link.reason))))) : null;
  container.replaceChildren(...[
    ES.el("h2", {}, ES.el("span", { class: "swatch", style: `background:${ES.typeColor(event.plover)}` }),
      `${event.acled_sub_type || event.plover}${event.plover_mode ? ` (${event.plover_mode})` : ""}`),
    ES.el("div", { class: "muted small" }, event.id),
    ES.el("table", { class: "fields" }, rows.map(([k, v]) => ES.el("tr", {}, ES.el("th", {}, k), ES.el("td", {}, v)))),
    ES.claimsView("Killed", event.fatalities, sentences),
    ES.claimsView("Injured", event.injuries, sentences),
    linked,
    ES.el("section", { class: "evidence-block" }, ES.el("h3", {}, "Evidence in the article"),
      event.article_records.map((a) => ES.articleView(a, event))),
  ].filter(Boolean));
};
