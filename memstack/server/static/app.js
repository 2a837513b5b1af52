// memstack review page: plain JavaScript over the /v1 API, no dependencies, no build step.
// Every text from the server is inserted with textContent (never as HTML).
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function cookie(name) {
  const found = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = cookie("memstack_csrf");
  const response = await fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok || (data && data.ok === false)) {
    const error = new Error((data && data.message) || response.statusText);
    error.data = data;
    error.status = response.status;
    throw error;
  }
  return data;
}

function say(message, isError = false) {
  const status = $("#status");
  status.textContent = message;
  status.className = isError ? "error" : "";
}

function fail(error) {
  const hint = error.data && error.data.hint ? " " + error.data.hint : "";
  say("Error: " + error.message + hint, true);
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) q.append(k, v);
  return q.toString();
}

// -- sign in --------------------------------------------------------------------------------

let me = null;

async function start() {
  try {
    me = await api("GET", "/v1/whoami");
  } catch (error) {
    me = null;
  }
  $("#signin").hidden = !!me;
  $("#tabs").hidden = !me;
  $("#signout").hidden = !me || me.key_id === null;
  $("#who").textContent = me ? `${me.tenant || "all tenants"} · ${me.role}` : "";
  if (me) {
    const tenant = me.tenant || "";
    for (const input of $$("input[name=scope]")) if (!input.value) input.value = tenant;
    show("inbox");
  } else {
    for (const id of ["inbox", "memories", "forget", "settings"]) $("#" + id).hidden = true;
    $("#key").focus();
  }
}

$("#signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("POST", "/ui/session", { key: $("#key").value });
    $("#key").value = "";
    say("Signed in.");
    await start();
  } catch (error) {
    fail(error);
  }
});

$("#signout").addEventListener("click", async () => {
  await api("DELETE", "/ui/session");
  say("Signed out.");
  await start();
});

function show(tab) {
  for (const button of $$("#tabs button")) {
    if (button.dataset.tab === tab) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  for (const id of ["inbox", "memories", "forget", "settings"]) $("#" + id).hidden = id !== tab;
  if (tab === "inbox") loadInbox().catch(fail);
  if (tab === "settings") { loadSwitches().catch(fail); loadPolicies().catch(fail); }
}

for (const button of $$("#tabs button")) {
  button.addEventListener("click", () => show(button.dataset.tab));
}

// -- inbox ----------------------------------------------------------------------------------

function highlighted(text, findings) {
  // Mark each finding's span; overlapping spans are merged into the first one.
  const spans = findings
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    out.push(text.slice(at, f.start));
    out.push(el("mark", { class: f.severity, title: `${f.category} (${f.severity}): ${f.message}` },
      text.slice(f.start, f.end)));
    at = f.end;
  }
  out.push(text.slice(at));
  return out;
}

function wordDiff(before, after) {
  const a = before.split(/(\s+)/), b = after.split(/(\s+)/);
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push(a[i]); i++; j++; }
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) { out.push(el("ins", {}, b[j])); j++; }
    else { out.push(el("del", {}, a[i])); i++; }
  }
  return out;
}

async function loadInbox() {
  const form = new FormData($("#filters"));
  const params = { order: "newest", state: "pending" };
  for (const [k, v] of form.entries()) params[k] = v;
  const data = await api("GET", "/v1/proposals?" + query(params));
  const list = $("#proposals");
  list.replaceChildren(...data.data.map(card));
  $("#inbox-empty").hidden = data.count > 0;
  $("#select-all").checked = false;
  for (const p of data.data) if (p.target && p.op !== "add") showTarget(p).catch(() => {});
}

function card(p) {
  const findings = p.findings || [];
  return el("li", { class: "card", dataset: { id: p.id, hash: p.content_hash } },
    el("div", { class: "row meta" },
      el("input", { type: "checkbox", class: "pick", "aria-label": "Select: " + p.text }),
      `${p.op} · ${p.kind} · ${p.scope} · proposed by ${p.source.author || p.source.origin} · ${p.created_at.slice(0, 16).replace("T", " ")}`),
    el("div", { class: "text" }, highlighted(p.text, findings)),
    findings.length ? el("ul", { class: "findings" },
      findings.map((f) => el("li", {}, `${f.severity} ${f.category}: ${f.message}`))) : null,
    el("div", { class: "target" }),
    p.excerpt ? el("div", { class: "excerpt" }, "From the conversation: ", p.excerpt) : null,
    p.source.turns && p.source.turns.length ? el("div", { class: "meta" },
      `Turns: ${p.source.turns.join(", ")}` + (p.source.conversation ? ` of ${p.source.conversation}` : "")) : null,
    p.rationale ? el("div", { class: "meta" }, "Why: ", p.rationale) : null,
    el("div", { class: "row actions" },
      el("button", { type: "button", class: "approve", onclick: () => approve(p) }, "Approve"),
      el("button", { type: "button", class: "edit", onclick: (e) => editor(e, p) }, "Edit"),
      el("button", { type: "button", class: "reject", onclick: (e) => rejecter(e, p) }, "Reject")),
    el("div", { class: "more" }));
}

async function showTarget(p) {
  const current = await api("GET", "/v1/memories/" + encodeURIComponent(p.target));
  const slot = $(`li[data-id="${p.id}"] .target`);
  if (!slot) return;
  if (p.op === "delete") slot.replaceChildren(el("div", {}, "Deletes: ", el("del", {}, current.text)));
  else slot.replaceChildren(el("div", { class: "diff" }, "Change: ", wordDiff(current.text, p.text)));
}

async function approve(p, text) {
  try {
    const body = { content_hash: p.content_hash };
    if (text !== undefined) body.text = text;
    await api("POST", `/v1/proposals/${encodeURIComponent(p.id)}/approve`, body);
    say(text === undefined ? "Approved." : "Edited and approved.");
    await loadInbox();
  } catch (error) {
    fail(error);
  }
}

function editor(event, p) {
  const more = event.target.closest("li").querySelector(".more");
  const area = el("textarea", { rows: 3, class: "edit-text", "aria-label": "Edited text" });
  area.value = p.text;
  more.replaceChildren(area, el("div", { class: "row" },
    el("button", { type: "button", class: "approve-edit", onclick: () => approve(p, area.value) }, "Approve edited text")));
  area.focus();
}

function rejecter(event, p) {
  const more = event.target.closest("li").querySelector(".more");
  const reason = el("input", { class: "reject-reason", "aria-label": "Reason", placeholder: "reason" });
  more.replaceChildren(el("div", { class: "row" }, reason,
    el("button", { type: "button", class: "confirm-reject", onclick: () => reject(p, reason.value) }, "Confirm reject")));
  reason.focus();
}

async function reject(p, reason) {
  if (!reason.trim()) { say("Say why you reject it.", true); return; }
  try {
    await api("POST", `/v1/proposals/${encodeURIComponent(p.id)}/reject`, { reason });
    say("Rejected.");
    await loadInbox();
  } catch (error) {
    fail(error);
  }
}

$("#filters").addEventListener("submit", (event) => { event.preventDefault(); loadInbox().catch(fail); });
$("#select-all").addEventListener("change", (event) => {
  for (const box of $$("#proposals .pick")) box.checked = event.target.checked;
});

async function bulk(action) {
  const items = $$("#proposals li.card")
    .filter((li) => li.querySelector(".pick").checked)
    .map((li) => ({ id: li.dataset.id, content_hash: li.dataset.hash }));
  if (!items.length) { say("Select proposals first.", true); return; }
  const reason = $("#bulk-reason").value;
  if (action === "reject" && !reason.trim()) { say("Say why you reject them.", true); return; }
  try {
    const out = await api("POST", "/v1/proposals/bulk", { action, items, reason: reason || null });
    const failed = out.data.filter((r) => !r.ok);
    say(`${out.count - failed.length} ${action === "approve" ? "approved" : "rejected"}` +
      (failed.length ? `, ${failed.length} failed: ${failed[0].error.message}` : "."), failed.length > 0);
    await loadInbox();
  } catch (error) {
    fail(error);
  }
}
$("#bulk-approve").addEventListener("click", () => bulk("approve"));
$("#bulk-reject").addEventListener("click", () => bulk("reject"));

// -- memory browser -------------------------------------------------------------------------

let browsing = { scope: "", digest: "", oldest: null };

function renderMarkdown(markdown) {
  const out = [];
  let list = null;
  for (const line of markdown.split("\n")) {
    const text = line.replace(/\s*<!--.*?-->\s*$/, "");
    if (line.startsWith("- ")) {
      if (!list) { list = el("ul"); out.push(list); }
      list.append(el("li", {}, text.slice(2)));
      continue;
    }
    list = null;
    const heading = /^(#{1,6})\s+(.*)$/.exec(text);
    if (heading) out.push(el("h4", {}, heading[2]));
    else if (text.trim()) out.push(el("p", {}, text));
  }
  return out;
}

async function browse(scope) {
  const rendered = await api("GET", "/v1/render?" + query({ scope }));
  browsing = { scope: rendered.scope, digest: rendered.render_digest, oldest: null };
  $("#rendered").replaceChildren(...renderMarkdown(rendered.markdown));
  $("#markdown").value = rendered.markdown;
  $("#apply-result").textContent = "";
  $("#history").hidden = true;
  const all = await api("GET", "/v1/memories?" + query({ scope, include_superseded: true }));
  const times = all.data.map((r) => Date.parse(r.recorded_at));
  browsing.oldest = times.length ? Math.min(...times) : Date.now();
  $("#asof").value = 100;
  await showRecords();
  $("#browser").hidden = false;
}

async function showRecords() {
  const value = Number($("#asof").value);
  let asOf = null;
  if (value < 100) {
    const now = Date.now();
    asOf = new Date(browsing.oldest + (now - browsing.oldest) * value / 100).toISOString();
  }
  $("#asof-label").textContent = asOf ? asOf.slice(0, 19).replace("T", " ") + " UTC" : "now";
  const data = await api("GET", "/v1/memories?" + query({ scope: browsing.scope, as_of: asOf }));
  $("#records").replaceChildren(...data.data.map((r) => el("li", { dataset: { id: r.id } },
    el("span", { class: "meta" }, `${r.kind} · ${r.scope} · `), r.text, " ",
    el("button", { type: "button", class: "history", onclick: () => history(r.id) }, "History"))));
}

async function history(id) {
  try {
    const data = await api("GET", `/v1/memories/${encodeURIComponent(id)}/history`);
    $("#history-list").replaceChildren(...data.data.map((e) => el("li", {},
      `${e.at.slice(0, 19).replace("T", " ")} ${e.action} by ${e.actor}`,
      e.after ? ": " + e.after : "")));
    $("#history").hidden = false;
  } catch (error) {
    fail(error);
  }
}

$("#browse").addEventListener("submit", (event) => {
  event.preventDefault();
  browse(new FormData(event.target).get("scope")).catch(fail);
});
$("#asof").addEventListener("change", () => showRecords().catch(fail));

$("#apply").addEventListener("click", async () => {
  try {
    const out = await api("POST", "/v1/apply", {
      scope: browsing.scope, markdown: $("#markdown").value, base_digest: browsing.digest,
    });
    const summary = `${out.added.length} added, ${out.edited.length} edited, ${out.removed.length} removed`;
    await browse(browsing.scope);
    $("#apply-result").textContent = "Applied: " + summary + ".";
    say("Applied: " + summary + ".");
  } catch (error) {
    fail(error);
  }
});

$("#search").addEventListener("submit", async (event) => {
  event.preventDefault();
  const scope = new FormData($("#browse")).get("scope");
  const text = new FormData(event.target).get("query");
  try {
    const data = await api("POST", "/v1/search", { scope, query: text, limit: 10 });
    $("#hits").replaceChildren(...data.data.map((h) => el("li", { class: "hit" },
      h.memory.text, el("span", { class: "meta" }, ` · ${h.memory.scope} · score ${h.score.toFixed(3)}`))));
    if (!data.count) $("#hits").replaceChildren(el("li", {}, "No matches."));
  } catch (error) {
    fail(error);
  }
});

// -- forget ---------------------------------------------------------------------------------

$("#forget-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  if (form.get("confirm") !== form.get("scope")) {
    say("Type the scope name exactly to confirm.", true);
    return;
  }
  try {
    const receipt = await api("POST", "/v1/forget", {
      scope: form.get("scope"), match: form.get("match") || null, reason: form.get("reason") || null,
    });
    const c = receipt.counts;
    $("#receipt").textContent = `Receipt ${receipt.id}\nscope ${receipt.scope}` +
      (receipt.match ? `, matching "${receipt.match}"` : "") +
      `\nmemories ${c.records} (versions ${c.versions}), proposals ${c.proposals}, ` +
      `vectors ${c.vectors}, history events tombstoned ${c.events_tombstoned}\n` +
      `physical: ${receipt.physical.join(", ") || "-"}; complete: ${receipt.complete}`;
    say("Erased.");
    event.target.reset();
  } catch (error) {
    fail(error);
  }
});

// -- memory on/off --------------------------------------------------------------------------

async function loadPolicies() {
  const data = await api("GET", "/v1/policies");
  $("#policies").replaceChildren(...data.data.map((p) =>
    el("li", {}, `${p.scope_prefix} · ${p.kind || "every kind"} · ${p.mode}`)));
  if (!data.count) $("#policies").replaceChildren(el("li", {}, "No policies: every AI proposal waits for a person."));
}

async function loadSwitches() {
  const data = await api("GET", "/v1/switches");
  const what = (s) => [s.reads_off && "reads", s.writes_off && "writes"].filter(Boolean).join(" and ");
  $("#switches").replaceChildren(...data.data.map((s) => el("li", {}, `${s.scope} · off for ${what(s)}`)));
  if (!data.count) $("#switches").replaceChildren(el("li", {}, "Memory is on everywhere."));
}

$("#onoff").addEventListener("submit", async (event) => {
  event.preventDefault();
  const off = (event.submitter ? event.submitter.value : "off") === "off";
  const form = new FormData(event.target);
  const scope = form.get("scope");
  const reads = form.get("reads") === "on", writes = form.get("writes") === "on";
  try {
    // Only the halves ticked change (null keeps the other half as it is).
    const body = { scope, reads_off: reads ? off : null, writes_off: writes ? off : null };
    const state = await api("PUT", "/v1/switches", body);
    const what = [state.reads_off && "reads", state.writes_off && "writes"].filter(Boolean);
    say(what.length ? `Memory is off for ${what.join(" and ")} in ${scope}.` : `Memory is on in ${scope}.`);
    await loadSwitches();
  } catch (error) {
    fail(error);
  }
});

start();
