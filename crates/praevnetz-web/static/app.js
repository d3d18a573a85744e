// praevnetz: progressive enhancement only. Every page works without this script.
"use strict";

// Tables with class "sortable": column headers become buttons that sort the rows.
function enhanceSorting(table) {
  const heads = table.querySelectorAll("thead th");
  heads.forEach((th, index) => {
    const button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      const numeric = th.classList.contains("num");
      const key = (row) => {
        const text = (row.cells[index] ? row.cells[index].textContent : "").trim();
        if (numeric) {
          const n = parseFloat(text.replace(/\./g, "").replace(",", "."));
          return isNaN(n) ? -Infinity : n;
        }
        return text.toLocaleLowerCase("de");
      };
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        const order = numeric ? x - y : String(x).localeCompare(String(y), "de");
        return ascending ? order : -order;
      });
      rows.forEach((row) => body.appendChild(row));
    });
  });
}

// Inputs with data-filter="ID": typing hides rows of table ID that do not contain the text.
function enhanceFilter(input) {
  const table = document.getElementById(input.dataset.filter);
  if (!table) return;
  const status = document.getElementById(input.dataset.filterStatus || "");
  input.addEventListener("input", () => {
    const needle = input.value.trim().toLocaleLowerCase("de");
    let shown = 0;
    Array.from(table.tBodies[0].rows).forEach((row) => {
      const match = !needle || row.textContent.toLocaleLowerCase("de").includes(needle);
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (status) status.textContent = String(shown);
  });
}

// SVG maps with class "map": drag to pan, wheel or +/- buttons to zoom, by the viewBox.
function enhanceMap(svg) {
  const base = svg.viewBox.baseVal;
  if (!base || !base.width) return;
  const home = { x: base.x, y: base.y, w: base.width, h: base.height };
  let view = { ...home };
  const apply = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  const zoom = (factor, cx, cy) => {
    const w = Math.min(home.w * 2, Math.max(home.w / 20, view.w * factor));
    const h = w * (home.h / home.w);
    const px = cx === undefined ? view.x + view.w / 2 : cx;
    const py = cy === undefined ? view.y + view.h / 2 : cy;
    view = { x: px - (px - view.x) * (w / view.w), y: py - (py - view.y) * (h / view.h), w, h };
    apply();
  };
  const toView = (event) => {
    const rect = svg.getBoundingClientRect();
    return {
      x: view.x + ((event.clientX - rect.left) / rect.width) * view.w,
      y: view.y + ((event.clientY - rect.top) / rect.height) * view.h,
    };
  };
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const p = toView(event);
    zoom(event.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a")) return;
    drag = { x: event.clientX, y: event.clientY, view: { ...view } };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    view.x = drag.view.x - ((event.clientX - drag.x) / rect.width) * view.w;
    view.y = drag.view.y - ((event.clientY - drag.y) / rect.height) * view.h;
    apply();
  });
  svg.addEventListener("pointerup", () => { drag = null; });
  const controls = document.querySelector(`[data-map-controls="${svg.id}"]`);
  if (controls) {
    controls.hidden = false;
    controls.querySelector("[data-zoom=in]").addEventListener("click", () => zoom(0.7));
    controls.querySelector("[data-zoom=out]").addEventListener("click", () => zoom(1.4));
    controls.querySelector("[data-zoom=reset]").addEventListener("click", () => { view = { ...home }; apply(); });
  }
}

document.querySelectorAll("table.sortable").forEach(enhanceSorting);
document.querySelectorAll("input[data-filter]").forEach(enhanceFilter);
document.querySelectorAll("svg.map").forEach(enhanceMap);

// The page of a background computation: asks for its state every two seconds while it runs,
// shows the progress, and reloads the page when it has ended.
function watchJob(box) {
  if (box.dataset.jobRunning !== "true") return;
  const bar = document.getElementById("job-progress");
  const text = document.getElementById("job-text");
  const poll = () => {
    fetch(box.dataset.jobState, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((r) => {
        // Gone (the server was restarted) or no longer ours to see: reload once and stop.
        if (r.status === 404 || r.status === 403) { window.location.reload(); return Promise.reject(null); }
        return r.ok ? r.json() : Promise.reject(r.status);
      })
      .then((s) => {
        if (bar) { bar.max = Math.max(s.total, 1); bar.value = s.done; bar.textContent = s.text; }
        if (text) text.textContent = s.text;
        if (s.state === "running") setTimeout(poll, 2000);
        else window.location.reload();
      })
      .catch((status) => { if (status !== null) setTimeout(poll, 10000); });
  };
  setTimeout(poll, 2000);
}
document.querySelectorAll("[data-job-state]").forEach(watchJob);

