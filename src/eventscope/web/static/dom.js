// Small shared helpers: DOM building without innerHTML (text from the store is never parsed as HTML),
// the colour of each PLOVER type, and JSON fetching that surfaces the API's error shape.
"use strict";

const ES = {};

ES.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
};

// One colour per PLOVER type: material conflict in reds, verbal conflict in oranges, cooperation in blues/greens.
ES.TYPE_COLORS = {
  ASSAULT: "#c0392b", COERCE: "#8e44ad", MOBILIZE: "#d35400", SANCTION: "#a0522d", PROTEST: "#e67e22",
  THREATEN: "#f39c12", ACCUSE: "#e5a50a", REJECT: "#b7950b", REQUEST: "#7f8c8d", RETREAT: "#16a085",
  AID: "#27ae60", COOPERATE: "#2e86c1", CONCEDE: "#48c9b0", SUPPORT: "#5dade2", CONSULT: "#3498db",
  AGREE: "#1f618d",
};
ES.typeColor = (type) => ES.TYPE_COLORS[type] || "#555";

// When the operator requires a token for reads (setting api_read_token_required), the page asks for it once
// and keeps it in this browser's localStorage.
ES.getJSON = async function (url, retried) {
  const headers = { Accept: "application/json" };
  const token = localStorage.getItem("eventscopeToken");
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { headers });
  if ((response.status === 401 || response.status === 403) && !retried) {
    const entered = window.prompt("This eventscope server needs its API token for reading:");
    if (entered) {
      localStorage.setItem("eventscopeToken", entered.trim());
      return ES.getJSON(url, true);
    }
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? `${body.error.type}: ${body.error.message}` : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
};
