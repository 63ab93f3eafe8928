// claimdesk pages: confirm destructive forms; on the review page, one verdict panel driven by
// the keyboard (j/k, v/d/n, a, e, x, ?), saves without reloading, drafts kept across a
// conflict or an expired session, bulk selection, and marking a passage as a statement.
(function () {
  "use strict";

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // The header's count of unread notifications (the API's X-Unread), checked every minute.
  const unread = document.getElementById("unread-count");
  function refreshUnread() {
    fetch("/api/v1/notifications", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) return;
        const n = Number(r.headers.get("X-Unread") || "0");
        unread.textContent = String(n);
        unread.hidden = n === 0;
        const label = document.getElementById("notifications-link").dataset.unreadLabel || "# unread";
        unread.setAttribute("aria-label", label.replace("#", String(n)));
      })
      .catch(function () {});
  }
  if (unread) { refreshUnread(); window.setInterval(refreshUnread, 60000); }

  const review = document.getElementById("review");
  if (!review) return;

  const articleId = review.dataset.articleId;
  const csrf = review.dataset.csrf;
  const signedOff = review.dataset.signedOff === "true";
  const body = document.getElementById("article-body");
  const list = document.getElementById("statement-list");
  const panel = document.getElementById("verdict-panel");
  const form = document.getElementById("verdict-form");
  const saved = document.getElementById("saved");
  const conflict = document.getElementById("conflict");
  const restored = document.getElementById("draft-restored");
  const help = document.getElementById("keys-help");
  // The page's messages in its language (a JSON block the server fills); English if missing.
  const messages = (function () {
    const block = document.getElementById("messages");
    try { return block ? JSON.parse(block.textContent) : {}; } catch (_) { return {}; }
  })();
  function msg(key, fallback, arg) {
    const text = messages[key] || fallback;
    return arg === undefined ? text : text.replace("%s", arg);
  }
  const labels = {
    verified: msg("verdict-verified", "verified"), disputed: msg("verdict-disputed", "disputed"),
    needs_source: msg("verdict-needs_source", "needs source"), unreviewed: msg("verdict-unreviewed", "unreviewed"),
  };
  const keyVerdicts = { v: "verified", d: "disputed", n: "needs_source" };

  function cards() { return Array.from(list ? list.querySelectorAll("li[data-statement-id]") : []); }
  function cardOf(id) { return document.getElementById("statement-" + id); }
  function marksOf(id) { return body ? body.querySelectorAll('mark[data-statement-id="' + id + '"]') : []; }
  function selectedId() { return panel ? panel.dataset.statementId : null; }
  function draftKey(id) { return "claimdesk-draft:" + articleId + ":" + id; }

  // ---- the panel --------------------------------------------------------------------------
  function sourceRow(src) {
    const row = document.createElement("div");
    row.className = "source-row";
    [["source_url", "url", "https://source", msg("js-source-url", "Source address")],
     ["source_title", "title", msg("js-placeholder-title", "title"), msg("js-source-title", "Source title")],
     ["source_excerpt", "excerpt", msg("js-placeholder-excerpt", "excerpt"), msg("js-source-excerpt", "Source excerpt")]].forEach(function (f) {
      const input = document.createElement("input");
      input.name = f[0];
      if (f[0] === "source_url") input.type = "url";
      input.placeholder = f[2];
      input.setAttribute("aria-label", f[3]);
      input.value = (src && src[f[1]]) || "";
      row.appendChild(input);
    });
    return row;
  }

  function setSources(sources) {
    const box = document.getElementById("source-rows");
    box.querySelectorAll(".source-row").forEach(function (r) { r.remove(); });
    (sources || []).forEach(function (s) { box.appendChild(sourceRow(s)); });
    box.appendChild(sourceRow(null));
  }

  function formInput() {
    const checked = form.querySelector('input[name="verdict"]:checked');
    const rows = Array.from(form.querySelectorAll(".source-row"));
    return {
      verdict: checked ? checked.value : "",
      note: form.elements.note.value,
      version: Number(form.elements.version.value),
      sources: rows.map(function (r) {
        const v = function (n) { return r.querySelector('[name="' + n + '"]').value.trim(); };
        return { url: v("source_url"), title: v("source_title"), excerpt: v("source_excerpt") };
      }).filter(function (s) { return s.url !== ""; }),
    };
  }

  function fillForm(input) {
    form.querySelectorAll('input[name="verdict"]').forEach(function (r) { r.checked = r.value === input.verdict; });
    form.elements.note.value = input.note || "";
    setSources(input.sources);
  }

  function saveDraft() {
    const id = selectedId();
    if (!id) return;
    const input = formInput();
    input.at = Date.now();
    try { window.localStorage.setItem(draftKey(id), JSON.stringify(input)); } catch (e) { /* private mode */ }
  }

  function dropDraft(id) {
    try { window.localStorage.removeItem(draftKey(id)); } catch (e) { /* private mode */ }
  }

  function restoreDraft(id) {
    let draft = null;
    try { draft = JSON.parse(window.localStorage.getItem(draftKey(id)) || "null"); } catch (e) { draft = null; }
    if (!draft) { restored.hidden = true; return; }
    fillForm(draft);
    restored.hidden = false;
  }

  // Moves the panel to a statement card of this page (or, for a highlight of a statement listed
  // on another page, opens that page).
  function select(id, opts) {
    opts = opts || {};
    const card = cardOf(id);
    if (!card) {
      window.location.href = "/articles/" + articleId + "?selected=" + encodeURIComponent(id) + "#verdict-panel";
      return;
    }
    if (!panel) return;
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    card.classList.add("selected");
    marksOf(id).forEach(function (m) { m.classList.add("selected"); });
    if (panel.dataset.statementId !== id) {
      panel.dataset.statementId = id;
      panel.dataset.verdict = card.dataset.verdict;
      document.getElementById("panel-text").textContent = card.querySelector(".stext").textContent;
      document.getElementById("panel-index").textContent = card.dataset.index;
      form.action = "/statements/" + id + "/verdict";
      form.elements.version.value = card.dataset.version;
      let sources = [];
      try { sources = JSON.parse(card.dataset.sources || "[]"); } catch (e) { sources = []; }
      fillForm({ verdict: card.dataset.verdict === "unreviewed" ? "" : card.dataset.verdict, note: card.dataset.note || "", sources: sources });
      document.getElementById("panel-history").href = "/statements/" + id;
      const approvalForm = document.getElementById("approval-form");
      if (approvalForm) {
        approvalForm.action = "/statements/" + id + "/approval";
        approvalForm.elements.version.value = card.dataset.version;
      }
      document.getElementById("approval-box").hidden = card.dataset.approvable !== "true";
      const assign = document.getElementById("assign-form");
      if (assign) {
        assign.action = "/statements/" + id + "/assignment";
        assign.elements.version.value = card.dataset.version;
      }
      conflict.hidden = true;
      saved.textContent = "";
      restoreDraft(id);
      loadKnowledge(id);
    }
    // Roving focus: only the selected highlight is in the tab order of the text.
    body.querySelectorAll('mark[tabindex="0"]').forEach(function (m) { m.tabIndex = -1; });
    const marks = marksOf(id);
    if (marks.length) marks[0].tabIndex = 0;
    if (opts.focus !== false) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
      if (marks.length) marks[0].scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    const all = cards();
    const at = all.findIndex(function (c) { return c.dataset.statementId === selectedId(); });
    const next = at + step;
    if (next >= 0 && next < all.length) return select(all[next].dataset.statementId);
    const page = Number(review.dataset.page);
    const pages = Number(review.dataset.pages);
    if (step > 0 && page < pages) window.location.href = "?page=" + (page + 1);
    if (step < 0 && page > 1) window.location.href = "?page=" + (page - 1);
  }

  // ---- saving ------------------------------------------------------------------------------
  function api(method, path, payload) {
    return fetch(path, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "Accept": "application/json" },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  }

  function bump(name, delta) {
    const el = review.querySelector('[data-count="' + name + '"]');
    if (el) el.textContent = String(Number(el.textContent) + delta);
  }

  // Applies a statement as the server now has it to its card, highlights, counts and progress.
  function apply(s) {
    const card = cardOf(s.id);
    const before = card ? card.dataset.verdict : null;
    const wasFinal = card ? card.dataset.final === "true" || card.dataset.approval === "approved" || card.dataset.approval === "not_required" : false;
    if (card) {
      card.dataset.verdict = s.verdict;
      card.dataset.version = String(s.version);
      card.dataset.approval = s.approval;
      card.dataset.final = String(s.is_final);
      card.dataset.note = s.note || "";
      card.dataset.sources = JSON.stringify(s.sources || []);
      card.dataset.approvable = "false";
      card.className = card.className.replace(/\bv-\w+/, "v-" + s.verdict);
      const badge = card.querySelector('[data-role="verdict"]');
      badge.className = "badge " + s.verdict;
      badge.textContent = labels[s.verdict] || s.verdict;
      const approval = card.querySelector('[data-role="approval"]');
      approval.className = s.approval === "pending" ? "badge pending" : s.approval === "approved" ? "badge final" : "";
      approval.textContent = s.approval === "pending" ? msg("approval-pending", "awaiting approval") : s.approval === "approved" ? msg("approval-approved", "approved") : "";
      card.querySelector('[data-role="by"]').textContent = s.reviewed_by ? msg("js-by", "by %s", s.reviewed_by) : "";
      const note = card.querySelector('[data-role="note"]');
      note.textContent = s.note || "";
      note.hidden = !s.note;
      const pick = card.querySelector("input.pick");
      if (pick && s.approval !== "pending") pick.remove();
    }
    marksOf(s.id).forEach(function (m) {
      m.dataset.verdict = s.verdict;
      m.className = m.className.replace(/\bv-\w+/, "v-" + s.verdict);
    });
    if (before && before !== s.verdict) { bump(before, -1); bump(s.verdict, 1); }
    if (wasFinal !== s.is_final) {
      bump("final", s.is_final ? 1 : -1);
      const progress = document.getElementById("progress");
      progress.value = Number(progress.value) + (s.is_final ? 1 : -1);
    }
    if (selectedId() === s.id) {
      panel.dataset.verdict = s.verdict;
      form.elements.version.value = String(s.version);
      document.getElementById("approval-box").hidden = true;
    }
  }

  // ---- live updates --------------------------------------------------------------------------
  // The article's event stream (EventSource reconnects by itself with Last-Event-ID): a
  // colleague's change is applied to its card, highlight, counts and progress and marked with
  // their name; the verdict panel keeps the version it was opened with, so saving over a
  // colleague's change still shows both versions.
  function markChanged(id, who) {
    const card = cardOf(id);
    if (!card) return;
    let note = card.querySelector('[data-role="changed"]');
    if (!note) {
      note = document.createElement("span");
      note.className = "changed-by";
      note.dataset.role = "changed";
      card.appendChild(note);
    }
    note.textContent = msg("js-changed-by", "changed by %s", who);
    card.classList.add("live-changed");
  }

  function showPresence(viewers) {
    const box = document.getElementById("presence");
    if (!box) return;
    const others = (viewers || []).filter(function (v) { return v.username !== review.dataset.meName; });
    box.hidden = others.length === 0;
    box.textContent = others.length ? msg("js-also-here", "Also here: %s", others.map(function (v) { return v.display_name; }).join(", ")) : "";
  }

  function announce(text) {
    const banner = document.getElementById("live-banner");
    if (!banner) return;
    banner.textContent = text;
    banner.hidden = false;
  }

  function onLiveEvent(message) {
    let data;
    try { data = JSON.parse(message.data); } catch (_) { return; }
    if (data.type === "presence") return showPresence(data.viewers);
    const mine = data.actor === review.dataset.meName;
    if (data.type === "statement.create" || data.type === "statement.delete") {
      if (!mine) announce(msg("js-statement-added", "%s added or removed a statement: reload the page to see it.", data.actor_name));
      return;
    }
    if (!data.statement_id || !cardOf(data.statement_id)) return;
    api("GET", "/api/v1/statements/" + data.statement_id)
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return;
        const editing = selectedId() === s.id && !mine;
        const openVersion = form ? form.elements.version.value : null;
        apply(s);
        if (editing && form) {
          form.elements.version.value = openVersion;
          saved.textContent = msg("js-changed-while-editing", "%s just changed this statement; saving will show both versions.", data.actor_name);
        }
        if (!mine) markChanged(s.id, data.actor_name);
      });
  }

  if (window.EventSource) {
    const live = new EventSource("/api/v1/articles/" + articleId + "/events");
    live.onmessage = onLiveEvent;
  }

  function showConflict(current, mine) {
    conflict.textContent = "";
    const p1 = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = msg("js-conflict", "Not saved: someone else changed this statement since you loaded it.");
    p1.append(strong, " " + msg("js-conflict-kept", "Your input is kept in the form; their version is:"));
    const p2 = document.createElement("p");
    p2.textContent = (labels[current.verdict] || current.verdict) + (current.reviewed_by ? " " + msg("js-by", "by %s", current.reviewed_by) : "") +
      " " + msg("js-conflict-version", "(version %s)", String(current.version)) + (current.note ? ": “" + current.note + "”" : "");
    const p3 = document.createElement("p");
    p3.className = "hint";
    p3.textContent = msg("js-conflict-hint", "Save again to put yours in its place, or press “Take theirs”.");
    const take = document.createElement("button");
    take.type = "button";
    take.className = "secondary";
    take.textContent = msg("js-conflict-take", "Take theirs");
    take.addEventListener("click", function () {
      apply(current);
      fillForm({ verdict: current.verdict === "unreviewed" ? "" : current.verdict, note: current.note, sources: current.sources });
      dropDraft(current.id);
      conflict.hidden = true;
    });
    conflict.append(p1, p2, p3, take);
    conflict.hidden = false;
    form.elements.version.value = String(current.version);
    fillForm(mine);
  }

  function toLogin(id) {
    saveDraft();
    window.location.href = "/login?next=" + encodeURIComponent("/articles/" + articleId + "?selected=" + id);
  }

  function save(verdictOverride) {
    const id = selectedId();
    if (!id) return;
    const input = formInput();
    if (verdictOverride) {
      input.verdict = verdictOverride;
      form.querySelectorAll('input[name="verdict"]').forEach(function (r) { r.checked = r.value === verdictOverride; });
    }
    if (!input.verdict) {
      saved.textContent = msg("js-choose", "Choose a verdict first.");
      return;
    }
    const payload = { verdict: input.verdict, note: input.note, sources: input.sources, version: input.version };
    if (signedOff) {
      const reason = form.elements.correction_reason && form.elements.correction_reason.value.trim();
      if (!reason) { saved.textContent = msg("js-needs-reason", "A signed-off article needs a correction reason."); form.elements.correction_reason.focus(); return; }
      payload.correction_reason = reason;
    }
    saveDraft();
    saved.textContent = msg("js-saving", "Saving…");
    api("POST", "/api/v1/statements/" + id + "/verdict", payload).then(function (r) {
      if (r.status === 401) return toLogin(id);
      if (r.status === 409) {
        return api("GET", "/api/v1/statements/" + id).then(function (c) { return c.json(); }).then(function (current) {
          saved.textContent = msg("js-not-saved-plain", "Not saved.");
          if (selectedId() === id) showConflict(current, input);
        });
      }
      return r.json().then(function (answer) {
        if (!r.ok) {
          saved.textContent = msg("js-not-saved", "Not saved: %s", String((answer.error && answer.error.message) || r.status));
          return;
        }
        dropDraft(id);
        apply(answer);
        if (selectedId() === id) {
          conflict.hidden = true;
          restored.hidden = true;
          saved.textContent = answer.approval === "pending"
            ? msg("js-saved-pending", "Saved: %s, awaiting approval.", labels[answer.verdict] || answer.verdict)
            : msg("js-saved", "Saved: %s.", labels[answer.verdict] || answer.verdict);
          const card = cardOf(id);
          if (card) card.focus({ preventScroll: true });
        }
      });
    }).catch(function () {
      saved.textContent = msg("js-offline", "Not saved: the server could not be reached. Your draft is kept in this browser.");
    });
  }

  function approve() {
    const id = selectedId();
    const card = id && cardOf(id);
    if (!card || card.dataset.approvable !== "true") {
      saved.textContent = msg("js-nothing-to-approve", "Nothing to approve here (no pending verdict by someone else).");
      return;
    }
    api("POST", "/api/v1/statements/" + id + "/approval", { decision: "approve", version: Number(card.dataset.version) })
      .then(function (r) {
        if (r.status === 401) return toLogin(id);
        return r.json().then(function (answer) {
          if (!r.ok) { saved.textContent = msg("js-not-approved", "Not approved: %s", String((answer.error && answer.error.message) || r.status)); return; }
          apply(answer);
          saved.textContent = msg("js-approved", "Approved.");
        });
      });
  }


  // ---- earlier matches and the fact base ---------------------------------------------------
  const knowledge = document.getElementById("knowledge");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function matchItem(id, m) {
    const li = el("li", "match");
    li.dataset.matchId = m.statement_id;
    li.dataset.verdict = m.verdict;
    const head = el("p", "match-head");
    head.appendChild(el("span", "badge " + m.verdict, labels[m.verdict] || m.verdict));
    if (m.reviewed_at) {
      const when = new Date(m.reviewed_at + "Z");
      head.appendChild(document.createTextNode(" " + when.toLocaleDateString(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" })));
    }
    head.appendChild(document.createTextNode(" " + msg("match-in", "in") + " "));
    const link = el("a", null, m.article_title);
    link.href = "/articles/" + m.article_id + "?selected=" + m.statement_id + "#verdict-panel";
    head.appendChild(link);
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("small", "score", "score " + Number(m.score).toLocaleString(document.documentElement.lang)));
    li.appendChild(head);
    li.appendChild(el("blockquote", "stext", m.text));
    li.appendChild(el("p", "reason", m.reason));
    if (m.note) li.appendChild(el("p", "note", m.note));
    if (m.sources && m.sources.length) {
      const p = el("p", "match-sources");
      m.sources.forEach(function (src) {
        const a = el("a", null, src.title || src.url);
        a.href = src.url;
        a.rel = "noopener noreferrer";
        p.appendChild(a);
        p.appendChild(document.createTextNode(" "));
      });
      li.appendChild(p);
    }
    const actions = el("div", "match-actions");
    const reuse = el("button", null, msg("match-reuse", "Reuse this verdict"));
    reuse.type = "button";
    reuse.dataset.action = "reuse";
    reuse.disabled = m.verdict === "unreviewed";
    const dismiss = el("button", "secondary", msg("match-dismiss", "Not the same claim"));
    dismiss.type = "button";
    dismiss.dataset.action = "dismiss";
    actions.appendChild(reuse);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(dismiss);
    li.appendChild(actions);
    return li;
  }

  function showKnowledge(id, matches, checks) {
    if (!knowledge || selectedId() !== id) return;
    const list = document.getElementById("match-list");
    list.replaceChildren.apply(list, matches.map(function (m) { return matchItem(id, m); }));
    document.getElementById("match-none").hidden = matches.length > 0;
    const checkList = document.getElementById("check-list");
    checkList.replaceChildren.apply(checkList, checks.map(function (c) {
      const li = el("li", "check " + c.outcome);
      li.appendChild(el("span", "badge " + (c.outcome === "consistent" ? "verified" : "disputed"), c.outcome === "consistent" ? msg("fact-consistent", "consistent") : msg("fact-inconsistent", "inconsistent")));
      li.appendChild(document.createTextNode(" " + c.explanation));
      return li;
    }));
    document.getElementById("fact-checks").hidden = checks.length === 0;
  }

  function loadKnowledge(id) {
    if (!knowledge) return;
    const get = function (what) {
      return api("GET", "/api/v1/statements/" + id + "/" + what).then(function (r) { return r.ok ? r.json() : []; });
    };
    Promise.all([get("matches"), get("checks")]).then(function (both) {
      showKnowledge(id, both[0], both[1]);
    }).catch(function () {});
  }

  if (knowledge) {
    knowledge.addEventListener("submit", function (event) {
      // Without the script these forms post; with it, the buttons below do the work.
      const button = event.target.querySelector("button");
      if (!button) return;
      event.preventDefault();
      act(event.target.classList.contains("match-reuse") ? "reuse" : "dismiss", event.target.closest("li"));
    });
    knowledge.addEventListener("click", function (event) {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      act(button.dataset.action, button.closest("li"));
    });
  }

  function act(action, item) {
    const id = selectedId();
    if (!id || !item) return;
    const matchId = item.dataset.matchId;
    if (action === "dismiss") {
      api("DELETE", "/api/v1/statements/" + id + "/matches/" + matchId).then(function (r) {
        if (r.status === 401) return toLogin(id);
        if (!r.ok) return;
        item.remove();
        document.getElementById("match-none").hidden = document.querySelectorAll("#match-list li").length > 0;
        saved.textContent = msg("js-dismissed", "Match dismissed.");
      });
      return;
    }
    const card = cardOf(id);
    const payload = { reuse: matchId, version: card ? Number(card.dataset.version) : undefined };
    saved.textContent = msg("js-saving", "Saving…");
    api("POST", "/api/v1/statements/" + id + "/verdict", payload).then(function (r) {
      if (r.status === 401) return toLogin(id);
      return r.json().then(function (answer) {
        if (!r.ok) {
          saved.textContent = msg("js-not-saved", "Not saved: %s", String((answer.error && answer.error.message) || r.status));
          return;
        }
        dropDraft(id);
        apply(answer);
        if (selectedId() === id) {
          fillForm({ verdict: answer.verdict, note: answer.note, sources: answer.sources });
          saved.textContent = msg("js-reused", "Verdict reused: %s.", labels[answer.verdict] || answer.verdict);
        }
      });
    }).catch(function () {
      saved.textContent = msg("js-offline", "Not saved: the server could not be reached.");
    });
  }

  // ---- events --------------------------------------------------------------------------------
  if (panel) {
    form.addEventListener("submit", function (event) { event.preventDefault(); save(); });
    form.addEventListener("input", saveDraft);
    document.getElementById("add-source").addEventListener("click", function () {
      document.getElementById("source-rows").appendChild(sourceRow(null));
    });
    restoreDraft(selectedId());
    select(selectedId(), { focus: window.location.hash === "#verdict-panel" || window.location.search.indexOf("selected=") >= 0 });
  }

  if (list) {
    list.addEventListener("click", function (event) {
      const card = event.target.closest("li[data-statement-id]");
      if (!card || event.target.closest("a, input, button")) return;
      select(card.dataset.statementId, { focus: false });
    });
  }
  if (body) {
    body.addEventListener("click", function (event) {
      const mark = event.target.closest("mark[data-statement-id]");
      if (!mark || !window.getSelection().isCollapsed) return;
      select(mark.dataset.statementId);
    });
  }

  const pickAll = document.getElementById("select-pending");
  if (pickAll) pickAll.addEventListener("click", function () {
    list.querySelectorAll("input.pick").forEach(function (c) { c.checked = true; });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && help && help.open) { help.close(); return; }
    if (typing) return;
    const key = event.key;
    if (key === "Enter" && event.target.closest("li[data-statement-id], mark[data-statement-id]")) {
      const el = event.target.closest("[data-statement-id]");
      select(el.dataset.statementId, { focus: false });
      const first = form && form.querySelector('input[name="verdict"]:checked, input[name="verdict"]');
      if (first) first.focus();
      event.preventDefault();
      return;
    }
    if (key === "j") { move(1); event.preventDefault(); }
    else if (key === "k") { move(-1); event.preventDefault(); }
    else if (keyVerdicts[key] && panel) { save(keyVerdicts[key]); event.preventDefault(); }
    else if (key === "a") { approve(); event.preventDefault(); }
    else if (key === "e" && form) { form.elements.note.focus(); event.preventDefault(); }
    else if (key === "x") {
      const card = cardOf(selectedId());
      const pick = card && card.querySelector("input.pick");
      if (pick) pick.checked = !pick.checked;
      event.preventDefault();
    } else if (key === "?" && help) { help.open ? help.close() : help.showModal(); event.preventDefault(); }
  });

  // ---- marking a passage as a statement (editors) ---------------------------------------------
  const utf8 = new TextEncoder();
  // Byte offset in the article body of a (node, offset) position inside #article-body.
  function byteOffset(node, offset) {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const holder = el && el.closest("[data-start]");
    if (!holder || !body.contains(holder)) return null;
    const prefix = node.nodeType === Node.TEXT_NODE ? node.textContent.slice(0, offset) : "";
    return Number(holder.dataset.start) + utf8.encode(prefix).length;
  }
  const manual = document.getElementById("manual-statement");
  if (!manual || !body) return;
  document.addEventListener("selectionchange", function () {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
    const start = byteOffset(range.startContainer, range.startOffset);
    const end = byteOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    manual.elements.start.value = start;
    manual.elements.end.value = end;
    manual.querySelector(".selection").textContent = sel.toString();
    manual.hidden = false;
  });
})();
