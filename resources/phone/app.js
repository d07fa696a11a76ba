// The participant's page: room code, name, one pillar at a time, review, submit. Talks only to the laptop.
"use strict";
(function () {
  var state = null;      // what the server lets this device see (never anyone else's ratings)
  var draft = {};        // pillar id -> {stage: number|null|undefined, comment: string}
  var index = 0;         // pillar on screen
  var $ = function (id) { return document.getElementById(id); };
  var steps = ["step-name", "step-pillar", "step-review", "step-done", "step-closed"];

  function show(step) {
    steps.forEach(function (s) { $(s).hidden = s !== step; });
    var heading = $(step).querySelector("h2");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }
  function error(text) { $("error").textContent = text || ""; $("error").hidden = !text; }
  function status(text) { $("status").textContent = text || ""; }

  function api(method, path, body) {
    var opts = { method: method, credentials: "same-origin", headers: {} };
    if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch("/api/" + path, opts).then(function (r) {
      return r.json().catch(function () { return { error: "Unexpected answer (" + r.status + ")" }; })
        .then(function (data) { data.httpStatus = r.status; return data; });
    }, function () {
      return { error: "Cannot reach the laptop: check you are on the same Wi-Fi, then try again", httpStatus: 0 };
    });
  }

  function take(data) {
    if (data.error) {
      if (data.httpStatus === 401) { location.replace("/"); return false; }  // forgotten: the code form
      error(data.error);
      return false;
    }
    error("");
    state = data;
    $("title").textContent = data.title || "Workshop vote";
    $("who").textContent = "Round " + data.round +
      (data.me ? " · voting as " + data.me.label : "") + (data.names_hidden ? " · names hidden" : "");
    return true;
  }

  function route() {
    if (!state.open) { show("step-closed"); return; }
    if (!state.me) { renderNames(); show("step-name"); return; }
    if (state.ballot) {
      draft = {};
      Object.keys(state.ballot).forEach(function (p) { draft[p] = { stage: state.ballot[p].stage, comment: state.ballot[p].comment }; });
      show("step-done");
      return;
    }
    index = 0; renderPillar(); show("step-pillar");
  }

  // ------------------------------------------------------------------ name
  function renderNames() {
    var box = $("names");
    box.textContent = "";
    $("name-help").textContent = state.names_hidden
      ? "Pick your own name: it keeps one ballot per person. This round is voted with names hidden: " +
        "no screen, handout or export will ever show your name next to your ratings."
      : "Pick your own name. Nobody else in the room sees what you rate.";
    state.names.forEach(function (n) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "card" + (n.taken ? " taken" : "");
      b.textContent = n.name;
      if (n.taken) { b.disabled = true; b.setAttribute("aria-label", n.name + ", already taken"); }
      b.addEventListener("click", function () { claim(n.id); });
      box.appendChild(b);
    });
  }
  function claim(id) {
    api("POST", "claim", { participant: id }).then(function (data) {
      if (take(data)) { route(); } else if (data.httpStatus === 409) { refresh(); }
    });
  }

  // ------------------------------------------------------------------ pillars
  function card(label, detail, checked, extraClass, onPick) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "card" + (extraClass ? " " + extraClass : "");
    b.setAttribute("role", "radio");
    b.setAttribute("aria-checked", checked ? "true" : "false");
    var s = document.createElement("strong"); s.textContent = label; b.appendChild(s);
    if (detail) { var d = document.createElement("span"); d.textContent = detail; b.appendChild(d); }
    b.addEventListener("click", onPick);
    return b;
  }
  function renderPillar() {
    var p = state.pillars[index];
    var mine = draft[p.id] || { stage: undefined, comment: "" };
    $("pillar-count").textContent = "Pillar " + (index + 1) + " of " + state.pillars.length;
    $("pillar-h").textContent = p.name;
    $("pillar-question").textContent = p.question || p.description || "";
    var box = $("stages");
    box.textContent = "";
    box.setAttribute("role", "radiogroup");
    box.setAttribute("aria-label", "Stage for " + p.name);
    state.stages.forEach(function (st, i) {
      var looks = (p.levels[i] || []).join(" ") || st.summary;
      box.appendChild(card(st.number + " · " + st.name, looks, mine.stage === st.number, "", function () { pick(st.number); }));
    });
    box.appendChild(card("Don't know", "I cannot judge this pillar", mine.stage === null, "dontknow", function () { pick(null); }));
    $("comment").value = mine.comment || "";
    $("back").hidden = index === 0;
    $("next").textContent = index === state.pillars.length - 1 ? "Review" : "Next";
    $("next").disabled = mine.stage === undefined;
  }
  function keepComment() {
    var p = state.pillars[index];
    draft[p.id] = draft[p.id] || { stage: undefined, comment: "" };
    draft[p.id].comment = $("comment").value;
  }
  function pick(stage) {
    keepComment();
    draft[state.pillars[index].id].stage = stage;
    renderPillar();
    $("next").focus();
  }
  $("back").addEventListener("click", function () { keepComment(); if (index > 0) { index -= 1; renderPillar(); show("step-pillar"); } });
  $("next").addEventListener("click", function () {
    keepComment();
    if (index < state.pillars.length - 1) { index += 1; renderPillar(); show("step-pillar"); } else { renderReview(); show("step-review"); }
  });

  // ------------------------------------------------------------------ review and submit
  function stageName(n) {
    if (n === null) { return "Don't know"; }
    var st = state.stages[n - 1];
    return st ? st.number + " · " + st.name : "not chosen";
  }
  function renderReview() {
    var list = $("review");
    list.textContent = "";
    state.pillars.forEach(function (p, i) {
      var li = document.createElement("li");
      var name = document.createElement("span"); name.textContent = p.name; li.appendChild(name);
      var st = document.createElement("span"); st.className = "stage";
      var mine = draft[p.id] || {};
      st.textContent = mine.stage === undefined ? "not chosen" : stageName(mine.stage);
      li.appendChild(st);
      if (mine.comment) { var c = document.createElement("span"); c.className = "muted"; c.textContent = "“" + mine.comment + "”"; li.appendChild(c); }
      var edit = document.createElement("button");
      edit.type = "button"; edit.textContent = "Change"; edit.setAttribute("aria-label", "Change " + p.name);
      edit.addEventListener("click", function () { index = i; renderPillar(); show("step-pillar"); });
      li.appendChild(edit);
      list.appendChild(li);
    });
    $("submit").disabled = state.pillars.some(function (p) { return !draft[p.id] || draft[p.id].stage === undefined; });
  }
  $("review-back").addEventListener("click", function () { index = state.pillars.length - 1; renderPillar(); show("step-pillar"); });
  $("submit").addEventListener("click", function () {
    var choices = {};
    state.pillars.forEach(function (p) { choices[p.id] = { stage: draft[p.id].stage, comment: draft[p.id].comment || "" }; });
    $("submit").disabled = true;
    api("POST", "ballot", { choices: choices }).then(function (data) {
      $("submit").disabled = false;
      if (take(data)) { status("Saved"); show("step-done"); } else if (data.httpStatus === 409 || data.httpStatus === 400) { refresh(); }
    });
  });
  $("change").addEventListener("click", function () { status(""); index = 0; renderPillar(); show("step-pillar"); });

  // ------------------------------------------------------------------ start
  function refresh() {
    api("GET", "state").then(function (data) {
      if (data.httpStatus === 401) { location.replace("/"); return; }
      var msg = $("error").textContent;
      if (take(data)) { route(); if (msg) { error(msg); } }
    });
  }
  refresh();
})();
