/* proxyatlas web UI: helpers shared by every page.
 *
 * Document text reaches the DOM only as text (textContent / text nodes), never as markup:
 * `el` has no way to parse an HTML string, and the pages build everything with it.
 */
"use strict";

const PA = (() => {
  const CATEGORY_COLORS = {
    state_body: "#c0392b", armed_group: "#e67e22", political: "#8e44ad", media: "#2980b9",
    research: "#16a085", other: "#7f8c8d", person: "#2c3e50", country: "#27ae60", place: "#95a5a6",
  };
  const CATEGORY_LABELS = {
    state_body: "state body", armed_group: "armed group", political: "political", media: "media",
    research: "research", other: "other organisation", person: "person", country: "country", place: "place",
  };
  const HEDGES = ["asserted", "reported", "alleged", "speculative", "denied"];
  const RELATION_TYPES = ["leads", "member_of", "part_of", "supports", "created", "trains", "operates_in",
    "opposes", "allied_with"];
  const SYMMETRIC = new Set(["opposes", "allied_with"]);

  /** el("a", {href: "/x", class: "c", on: {click: f}}, "text", child) -> element; strings become text nodes. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) throw new Error("use {on: {...}} for listeners");
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  async function get(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
    }
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    const data = await response.json().catch(() => ({detail: response.statusText}));
    if (!response.ok) throw new Error(data.detail ? (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail)) : response.statusText);
    return data;
  }

  function kindOf(entity) {
    return entity.category || entity.type || "other";
  }

  function colorOf(entity) {
    return CATEGORY_COLORS[kindOf(entity)] || CATEGORY_COLORS.other;
  }

  function entityUrl(id) {
    return "/entity/" + encodeURIComponent(id);
  }

  function documentUrl(id, start, end) {
    const url = "/document/" + encodeURIComponent(id);
    return start === undefined ? url : `${url}?hl=${start}-${end}`;
  }

  function entityLink(id, name, entity) {
    const link = el("a", {href: entityUrl(id), class: "entity-link"}, name || id);
    if (entity) link.style.borderBottomColor = colorOf(entity);
    return link;
  }

  function badge(text, cls) {
    return el("span", {class: "badge " + (cls || "")}, text);
  }

  function hedgeBadge(hedge) {
    return badge(hedge, "hedge hedge-" + hedge);
  }

  function kindBadge(entity) {
    const b = badge(CATEGORY_LABELS[kindOf(entity)] || kindOf(entity), "kind");
    b.style.backgroundColor = colorOf(entity);
    return b;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  /** `text` as nodes, with every case-insensitive occurrence of `names` in <b>. */
  function emphasise(text, names) {
    const wanted = names.filter((n) => n && n.length > 1).map((n) => n.toLowerCase());
    const out = [];
    const lower = text.toLowerCase();
    let i = 0;
    while (i < text.length) {
      let best = -1;
      let bestName = "";
      for (const name of wanted) {
        const at = lower.indexOf(name, i);
        if (at >= 0 && (best < 0 || at < best || (at === best && name.length > bestName.length))) {
          best = at;
          bestName = name;
        }
      }
      if (best < 0) break;
      if (best > i) out.push(text.slice(i, best));
      out.push(el("b", {}, text.slice(best, best + bestName.length)));
      i = best + bestName.length;
    }
    out.push(text.slice(i));
    return out;
  }

  /** One evidence row: who said it, how sure, the sentence (names emphasised), its context on demand. */
  function evidenceItem(ev, names) {
    const quote = el("blockquote", {class: "evidence-text"});
    const sentence = el("mark", {}, emphasise(ev.text, names || []));
    append(quote, [sentence]);
    const more = el("button", {type: "button", class: "link-button", on: {click: async () => {
      more.disabled = true;
      try {
        const ctx = await get(`/api/document/${encodeURIComponent(ev.document)}/context`, {start: ev.start, end: ev.end});
        clear(quote);
        append(quote, [el("span", {class: "context"}, ctx.before), sentence, el("span", {class: "context"}, ctx.after)]);
        more.remove();
      } catch (err) {
        more.textContent = "context unavailable";
      }
    }}}, "show context");
    return el("li", {class: "evidence"},
      el("div", {class: "evidence-meta"},
        hedgeBadge(ev.hedge), " ",
        el("span", {class: "source"}, ev.source || "unknown source"),
        ev.published ? el("span", {class: "muted"}, " · " + ev.published) : null,
        ev.attributed_to ? el("span", {class: "muted"}, " · according to ", entityLink(ev.attributed_to, ev.attributed_name)) : null,
        " · ", el("a", {href: documentUrl(ev.document, ev.start, ev.end), class: "doc-link"}, "open document"),
        " · ", more),
      quote);
  }

  /** An input with entity suggestions (name or alias); `onPick(entity)` on click or Enter. */
  function suggest(input, onPick) {
    const list = el("ul", {class: "suggestions", role: "listbox"});
    input.setAttribute("autocomplete", "off");
    input.parentNode.insertBefore(list, input.nextSibling);
    let items = [];
    let active = -1;
    let timer = null;
    let seq = 0;
    function close() { clear(list); items = []; active = -1; list.classList.remove("open"); }
    function pick(item) { close(); onPick(item); }
    function render() {
      clear(list);
      items.forEach((item, i) => {
        const alias = item.match && item.match !== item.name ? el("span", {class: "muted"}, ` (${item.match})`) : null;
        list.appendChild(el("li", {role: "option", class: i === active ? "active" : "", on: {
          mousedown: (e) => { e.preventDefault(); pick(item); }}},
          el("span", {class: "dot"}), item.name, alias, " ", kindBadge(item)));
        list.lastChild.firstChild.style.backgroundColor = colorOf(item);
      });
      list.classList.toggle("open", items.length > 0);
    }
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(async () => {
        const mine = ++seq;
        try {
          const found = await get("/api/search", {q, limit: 8});
          if (mine !== seq) return;
          items = found;
          active = found.length ? 0 : -1;
          render();
        } catch (err) { close(); }
      }, 120);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; render(); e.preventDefault(); }
      else if (e.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; render(); e.preventDefault(); }
      else if (e.key === "Enter") { e.preventDefault(); if (items[active]) pick(items[active]); }
      else if (e.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  /* -- corrections: the analyst signs in with the server's token (kept in sessionStorage, sent as
   * Authorization: Bearer, never in a cookie or a URL) and a name, given once per tab. -- */
  const TOKEN_KEY = "proxyatlas-token";
  const AUTHOR_KEY = "proxyatlas-author";
  const FLASH_KEY = "proxyatlas-flash";
  let configPromise = null;

  function config() {
    configPromise = configPromise || get("/api/config").catch(() => ({uploads: false, corrections: false}));
    return configPromise;
  }

  function session() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const author = sessionStorage.getItem(AUTHOR_KEY);
    return token && author ? {token, author} : null;
  }

  /** True when write controls may be drawn: the server takes corrections and this tab signed in. */
  async function canWrite() {
    return Boolean((await config()).corrections && session());
  }

  /** POST one correction ({action, ...}) as the signed-in analyst; resolves to the stored record. */
  async function correct(body) {
    const who = session();
    if (!who) throw new Error("sign in with the server's token first");
    const response = await fetch("/api/corrections", {method: "POST",
      headers: {"Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer " + who.token},
      body: JSON.stringify({...body, author: who.author})});
    const data = await response.json().catch(() => ({detail: response.statusText}));
    if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    if (!response.ok) {
      const detail = Array.isArray(data.detail) ? data.detail.map((d) => `${d.loc.slice(1).join(".")}: ${d.msg}`).join("; ") : data.detail;
      throw new Error(detail || response.statusText);
    }
    return data;
  }

  /** After a correction: reload the page, then say what was done (with a button to undo `undoId`). */
  function doneAndReload(text, undoId) {
    sessionStorage.setItem(FLASH_KEY, JSON.stringify({text, undoId: undoId || null}));
    window.location.reload();
  }

  function showFlash() {
    const saved = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    if (!saved) return;
    const {text, undoId} = JSON.parse(saved);
    const bar = el("div", {id: "flash", class: "flash", role: "status"}, text);
    if (undoId) {
      bar.appendChild(el("button", {type: "button", class: "link-button", id: "flash-undo", on: {click: async () => {
        try {
          await correct({action: "undo", correction: undoId});
          doneAndReload("Undone.");
        } catch (err) { bar.appendChild(el("span", {class: "error"}, " " + err.message)); }
      }}}, "Undo"));
    }
    document.getElementById("top").after(bar);
  }

  function signInBox(box) {
    const who = session();
    if (who) {
      append(box, [el("span", {class: "signed-in"}, "✎ " + who.author), " ",
        el("button", {type: "button", class: "link-button", id: "sign-out", on: {click: () => {
          sessionStorage.removeItem(TOKEN_KEY);
          window.location.reload();
        }}}, "sign out")]);
      return;
    }
    const token = el("input", {type: "password", id: "sign-token", placeholder: "token", autocomplete: "off", required: true});
    const name = el("input", {type: "text", id: "sign-name", placeholder: "your name", required: true,
      value: sessionStorage.getItem(AUTHOR_KEY) || ""});
    const message = el("span", {class: "error"});
    const form = el("form", {class: "sign-in", id: "sign-in", hidden: true, on: {submit: async (e) => {
      e.preventDefault();
      const response = await fetch("/api/auth", {headers: {Authorization: "Bearer " + token.value}});
      if (!response.ok) { message.textContent = "wrong token"; return; }
      sessionStorage.setItem(TOKEN_KEY, token.value);
      sessionStorage.setItem(AUTHOR_KEY, name.value.trim());
      window.location.reload();
    }}}, token, name, el("button", {type: "submit", class: "button small"}, "Sign in"), message);
    const open = el("button", {type: "button", class: "link-button", id: "sign-open", on: {click: () => {
      form.hidden = !form.hidden;
      if (!form.hidden) token.focus();
    }}}, "sign in with token");
    append(box, [open, form]);
  }

  /** "✓ checked by NAME" for a relation an analyst confirmed, else null. */
  function checkedMark(rel) {
    return rel.confirmed ? el("span", {class: "checked", title: `confirmed ${rel.confirmed_at || ""}`}, "✓ checked by " + rel.confirmed_by) : null;
  }

  function header() {
    const here = window.location.pathname;
    const nav = [["/", "Home"], ["/network", "Network"], ["/timeline", "Timeline"], ["/sources", "Sources"],
      ["/review", "Review"], ["/corrections", "Corrections"], ["/docs", "API"]];
    const search = el("input", {type: "search", id: "search", placeholder: "Find an actor by any name…", "aria-label": "Find an actor"});
    const account = el("div", {class: "account", id: "account"});
    const top = document.getElementById("top");
    append(top, [
      el("a", {href: "/", class: "brand"}, "proxyatlas"),
      el("nav", {}, nav.map(([href, label]) => el("a", {href, class: (href === "/" ? here === "/" : here.startsWith(href)) ? "current" : ""}, label))),
      el("div", {class: "search-box"}, search),
      account,
    ]);
    suggest(search, (item) => { window.location.href = entityUrl(item.id); });
    config().then((c) => { if (c.corrections) signInBox(account); });
    showFlash();
  }

  function fail(where, err) {
    clear(where);
    where.appendChild(el("p", {class: "error"}, String(err.message || err)));
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  document.addEventListener("DOMContentLoaded", header);

  return {el, append, clear, get, kindOf, colorOf, entityUrl, documentUrl, entityLink, badge, hedgeBadge,
    kindBadge, plural, emphasise, evidenceItem, suggest, fail, debounce, config, session, canWrite, correct,
    doneAndReload, checkedMark,
    CATEGORY_COLORS, CATEGORY_LABELS, HEDGES, RELATION_TYPES, SYMMETRIC};
})();
