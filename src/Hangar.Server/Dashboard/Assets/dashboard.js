// Hangar's dashboard: plain DOM code, no framework. Data arrives as whole snapshots over Server-Sent Events (one
// `snapshot` event per change); the page never polls. Every value is written with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let source = null;
let last = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  }
  return node;
}

function age(iso) {
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (s < 90) return `${s}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  return `${Math.round(s / 3600)}h`;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "";
}

function chart(values, label) {
  if (!values || values.length === 0) return el("span", { class: "chart-empty" }, "no data yet");
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("viewBox", "0 0 140 28");
  svg.setAttribute("role", "img");
  const max = Math.max(...values, 0.1);
  const width = 140 / values.length;
  values.forEach((v, i) => {
    const h = Math.max(1, (v / max) * 26);
    const bar = document.createElementNS(ns, "rect");
    bar.setAttribute("x", (i * width + 0.5).toFixed(1));
    bar.setAttribute("y", (28 - h).toFixed(1));
    bar.setAttribute("width", Math.max(1, width - 1).toFixed(1));
    bar.setAttribute("height", h.toFixed(1));
    const tip = document.createElementNS(ns, "title");
    tip.textContent = `${v}s`;
    bar.append(tip);
    svg.append(bar);
  });
  const sorted = [...values].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)];
  return el("div", { title: `${label}: ${values.length} samples` }, svg, el("small", {}, `p50 ${p50}s, max ${sorted[sorted.length - 1]}s`));
}

function fill(tableId, rows, columns, key) {
  const body = $(tableId).querySelector("tbody");
  body.replaceChildren();
  if (rows.length === 0) {
    body.append(el("tr", {}, el("td", { class: "empty", colspan: String($(tableId).querySelectorAll("th").length) }, "none")));
    return;
  }
  for (const row of rows) {
    const tr = el("tr", key(row));
    for (const column of columns) {
      const value = column(row);
      tr.append(value instanceof Node && value.tagName === "TD" ? value : el("td", {}, value));
    }
    body.append(tr);
  }
}

const jobName = (j) => `${j.forge}#${j.id}`;

function render(s) {
  last = s;
  $("controller").textContent = s.controller_id;
  $("banners").replaceChildren(...(s.warnings || []).map((w) => el("p", { class: "banner", role: "alert" }, w)));
  fill("pools", s.pools, [
    (p) => el("td", {}, el("strong", {}, p.name), p.enabled ? "" : " ", p.enabled ? "" : el("span", { class: "badge disabled" }, "disabled")),
    (p) => p.provider,
    (p) => el("td", {}, el("span", { class: `badge ${p.state}` }, p.state), p.last_error ? el("div", { class: "error" }, p.last_error) : ""),
    (p) => el("td", {}, ...Object.entries(p.runners).map(([phase, n]) => el("span", { class: `badge ${phase}`, "data-phase": phase }, `${phase} ${n}`)),
      Object.keys(p.runners).length === 0 ? el("span", { class: "chart-empty" }, "no runners") : "", el("div", {}, el("small", {}, `min idle ${p.min_idle}, max ${p.max_runners}`))),
    (p) => String(p.queued_jobs),
    (p) => el("td", {}, chart(p.queue_seconds, "queue time")),
    (p) => el("td", {}, chart(p.boot_seconds, "boot time")),
  ], (p) => ({ "data-pool": p.name }));
  fill("waiting", s.waiting, [jobName, (j) => j.repository, (j) => j.labels.join(", "), (j) => j.pool || "(routing)", (j) => age(j.queued_at)],
    (j) => ({ "data-job": j.id, "data-status": j.status }));
  fill("unroutable", s.unroutable, [jobName, (j) => j.labels.join(", "), (j) => el("td", { class: "error" }, j.reason), (j) => age(j.queued_at)],
    (j) => ({ "data-job": j.id }));
  fill("failed", s.failed, [(r) => r.name, (r) => r.pool, (r) => el("td", {}, el("span", { class: `badge ${r.state}` }, r.state)), (r) => String(r.attempts),
    (r) => el("td", { class: "error" }, r.error), (r) => time(r.at)], (r) => ({ "data-runner": r.name }));
  fill("jobs", s.recent, [jobName, (j) => el("td", {}, el("span", { class: "badge" }, j.status)), (j) => j.pool || "", (j) => j.runner || "",
    (j) => j.conclusion || (j.reason ? `killed: ${j.reason}` : "")], (j) => ({ "data-job": j.id, "data-status": j.status }));
  fill("events", s.events, [(e) => time(e.at), (e) => e.runner, (e) => el("td", {}, el("span", { class: `badge ${e.state}` }, e.state)), (e) => e.reason || ""],
    (e) => ({ "data-runner": e.runner }));
}

function showLogin(message) {
  if (source) source.close();
  source = null;
  $("data").hidden = true;
  $("logout").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
  setConnection(false);
}

function setConnection(live) {
  const badge = $("connection");
  badge.textContent = live ? "live" : "offline";
  badge.className = `badge ${live ? "on" : "off"}`;
}

async function start() {
  const response = await fetch("/dashboard/snapshot", { credentials: "same-origin" });
  if (response.status === 401 || response.status === 403) {
    showLogin("");
    return;
  }
  if (!response.ok) {
    showLogin(`the server answered ${response.status}`);
    return;
  }
  render(await response.json());
  $("login").hidden = true;
  $("data").hidden = false;
  $("logout").hidden = false;
  source = new EventSource("/dashboard/events");
  source.addEventListener("open", () => setConnection(true));
  source.addEventListener("snapshot", (e) => render(JSON.parse(e.data)));
  source.addEventListener("error", async () => {
    setConnection(false);
    // EventSource retries by itself; a closed session must go back to the login form instead.
    const probe = await fetch("/dashboard/snapshot", { credentials: "same-origin" }).catch(() => null);
    if (probe && (probe.status === 401 || probe.status === 403)) showLogin("the session ended; log in again");
  });
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const token = $("token").value;
  $("token").value = "";
  const response = await fetch("/dashboard/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (response.status === 204) {
    await start();
    return;
  }
  const problem = await response.json().catch(() => ({}));
  $("login-error").textContent = problem.detail || `login failed (${response.status})`;
});

$("logout").addEventListener("click", async () => {
  await fetch("/dashboard/session", { method: "DELETE", credentials: "same-origin" });
  last = null;
  showLogin("logged out");
});

// Ages tick without new data.
setInterval(() => { if (last) render(last); }, 5000);
start();
