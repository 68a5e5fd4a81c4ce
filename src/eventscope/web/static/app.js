// The page: filters -> (list page, map points, timeline) from the API; a click on a list item or a map
// point opens the event panel.  Everything heavy is done by the server: the list is paginated, the map
// gets columnar points, the timeline gets counts per day.
"use strict";

(function () {
  const PAGE = 50;
  const FIELDS = [["country", "f-country"], ["type", "f-type"], ["modality", "f-modality"], ["from", "f-from"],
    ["to", "f-to"], ["actor", "f-actor"], ["text", "f-text"]];
  const state = { offset: 0, total: 0, selected: null, filters: new URLSearchParams() };
  const $ = (id) => document.getElementById(id);
  let mapView = null;

  function readFilters() {
    const params = new URLSearchParams();
    for (const [key, id] of FIELDS) {
      const value = $(id).value.trim();
      if (value) params.set(key, value);
    }
    if (!$("f-recalled").checked) params.set("recalled", "false");
    return params;
  }

  function writeFilters(params) {
    for (const [key, id] of FIELDS) {
      const select = $(id);
      const value = params.get(key) || "";
      if (select.tagName === "SELECT" && value && ![...select.options].some((o) => o.value === value)) {
        select.append(ES.el("option", { value }, value));
      }
      select.value = value;
    }
    $("f-recalled").checked = params.get("recalled") !== "false";
  }

  function setStatus(message, isError) {
    const note = $("list-count");
    note.textContent = message;
    note.classList.toggle("error", Boolean(isError));
  }

  async function loadList() {
    const params = new URLSearchParams(state.filters);
    params.set("limit", PAGE);
    params.set("offset", state.offset);
    const page = await ES.getJSON(`/api/events?${params}`);
    state.total = page.total;
    const end = Math.min(state.offset + page.items.length, page.total);
    setStatus(page.total ? `${state.offset + 1}–${end} of ${page.total.toLocaleString()} events` : "no events match");
    $("prev").disabled = state.offset === 0;
    $("next").disabled = end >= page.total;
    $("events").replaceChildren(...page.items.map((e) => ES.el("li", {
      class: `event-item${e.id === state.selected ? " selected" : ""}`, dataset: { id: e.id, type: e.plover },
      tabindex: 0, onclick: () => selectEvent(e.id),
      onkeydown: (k) => { if (k.key === "Enter") selectEvent(e.id); },
    },
    ES.el("div", { class: "row1" },
      ES.el("span", { class: "swatch", style: `background:${ES.typeColor(e.plover)}` }),
      ES.el("span", { class: "date" }, e.date || "?"),
      ES.el("span", { class: "etype" }, e.acled_sub_type || e.plover + (e.plover_mode ? `/${e.plover_mode}` : "")),
      e.fatalities !== null ? ES.el("span", { class: "killed" }, `${e.fatalities} killed`) : null,
      e.recalled ? ES.el("span", { class: "badge" }, "recalled") : null,
      e.modality !== "occurred" ? ES.el("span", { class: "badge" }, e.modality) : null),
    ES.el("div", { class: "row2" }, `${e.actor1.join("; ") || "?"} → ${e.actor2.join("; ") || "?"}`),
    ES.el("div", { class: "row3 muted" }, e.place ? `${e.place.name}${e.place.country ? ` (${e.place.country})` : ""}` : "no place"))));
  }

  async function loadMapAndTimeline() {
    const [points, timeline] = await Promise.all([
      ES.getJSON(`/api/events/points?${state.filters}`),
      ES.getJSON(`/api/stats/timeline?${state.filters}`),
    ]);
    mapView.points.setData(points);
    $("map-note").textContent = points.truncated
      ? `Map shows the newest ${points.count.toLocaleString()} located events; narrow the filters to see all.`
      : `${points.count.toLocaleString()} located events on the map.`;
    ES.drawTimeline($("timeline"), timeline, (day) => {
      $("f-from").value = day;
      $("f-to").value = day;
      applyFilters();
    });
    ES.drawLegend($("legend"), timeline.series.map((s) => s.type));
    if (points.count && state.filters.toString()) {
      const bounds = L.latLngBounds(points.lat.map((lat, i) => [lat, points.lon[i]]));
      mapView.map.fitBounds(bounds.pad(0.3), { maxZoom: 5, animate: false });
    }
  }

  async function fillOptions() {
    const [countries, types] = await Promise.all([
      ES.getJSON("/api/stats/counts?by=country"), ES.getJSON("/api/stats/counts?by=type")]);
    const fill = (select, rows) => {
      const keep = select.value;
      select.replaceChildren(ES.el("option", { value: "" }, "all"),
        ...rows.filter((r) => r.key).map((r) => ES.el("option", { value: r.key }, `${r.key} (${r.count})`)));
      select.value = keep;
    };
    fill($("f-country"), countries.counts);
    fill($("f-type"), types.counts);
  }

  async function refresh() {
    document.body.classList.add("loading");
    try {
      await Promise.all([loadList(), loadMapAndTimeline()]);
    } catch (error) {
      setStatus(error.message, true);
    } finally {
      document.body.classList.remove("loading");
      document.body.dataset.ready = "true";
    }
  }

  function applyFilters() {
    state.filters = readFilters();
    state.offset = 0;
    history.replaceState(null, "", state.filters.toString() ? `#${state.filters}` : location.pathname);
    refresh();
  }

  async function selectEvent(id) {
    state.selected = id;
    for (const li of document.querySelectorAll(".event-item")) li.classList.toggle("selected", li.dataset.id === id);
    mapView.points.select(id);
    const panel = $("panel");
    panel.hidden = false;
    $("panel-body").replaceChildren(ES.el("p", { class: "muted" }, "loading…"));
    try {
      const event = await ES.getJSON(`/api/events/${encodeURIComponent(id)}`);
      ES.renderEvent($("panel-body"), event, selectEvent);
      panel.dataset.eventId = id;
    } catch (error) {
      $("panel-body").replaceChildren(ES.el("p", { class: "error" }, error.message));
    }
  }

  async function start() {
    mapView = await ES.createMap($("map"), selectEvent);
    window.eventscopeMap = mapView; // for tests and the benchmark: the Leaflet map and the points layer
    state.filters = new URLSearchParams(location.hash.slice(1));
    await fillOptions().catch((error) => setStatus(error.message, true));
    writeFilters(state.filters);
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); applyFilters(); });
    $("filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
    $("f-country").addEventListener("change", applyFilters);
    $("f-type").addEventListener("change", applyFilters);
    $("f-modality").addEventListener("change", applyFilters);
    $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadList(); });
    $("next").addEventListener("click", () => { state.offset += PAGE; loadList(); });
    $("panel-close").addEventListener("click", () => { $("panel").hidden = true; state.selected = null; mapView.points.select(null); });
    $("online-tiles").addEventListener("change", (e) => mapView.setOnlineTiles(e.target.checked));
    window.addEventListener("resize", () => loadMapAndTimeline().catch(() => {}));
    await refresh();
  }

  start();
})();
