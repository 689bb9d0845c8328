/// The what-if page `callsim serve` answers at `/`: one self-contained document (its CSS and
/// script inline, nothing fetched but the server's own API) whose controls change the scenario,
/// whose state lives in the URL (`/?CJ=3&load=1.2&pool=23-7`), and whose figures, charts and
/// table the server draws (`WhatIfView`): Erlang A's estimate at once, the simulation when it lands.
public enum WhatIfPage {
    public static func page(title: String) -> String {
        let body = """
            <header><h1>What if… \(HTMLReport.escape(title))</h1>
            <p class="meta">Change consoles, the night pool, the load or patience; Erlang A answers at once, the simulation
            (the same seed for every change, so a change shows its effect, not noise) when it lands. The address keeps the
            changes: copy it to share this view.</p></header>
            <form id="controls" onsubmit="return false">
            <div class="row">
            <label>load × <input id="load" type="number" min="0.05" max="1000" step="0.05" value="1"></label>
            <label>mean patience <input id="patience" type="text" size="6" placeholder="as the scenario"></label>
            <label><input id="pool-on" type="checkbox"> pool the night from
            <select id="pool-from"></select> to <select id="pool-to"></select></label>
            <label>seed <input id="seed" type="number" min="0" step="1"></label>
            <label>replications <input id="replications" type="number" min="1" max="65536" step="1"></label>
            <button id="reset" type="button">back to the scenario</button>
            </div>
            <details open><summary>Consoles by centre (a number all day, or 24 numbers by hour, comma-separated)</summary>
            <div id="consoles" class="consoles"></div></details>
            </form>
            <p id="status" class="meta" role="status">Loading the scenario…</p>
            <section id="summary"><h2>Key figures</h2><div id="figures"></div></section>
            <section id="hourly-section"><h2>Consoles and calls by hour</h2><div id="hourly"></div></section>
            <section id="map-section"><h2>Map of the centres</h2><div id="map"></div></section>
            <section id="centres-section"><h2>Centres (changed ones marked)</h2><div id="centres"></div></section>
            <script>\(script)</script>
            """
        return HTMLReport.document(title: "callsim — what if: \(title)", body: body, style: style)
    }

    static let style = """
        .row{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:12px;margin:6px 0}
        .consoles{display:grid;grid-template-columns:repeat(auto-fill,minmax(92px,1fr));gap:3px;font-size:11px;margin:4px 0}
        .consoles label{display:flex;gap:3px;align-items:center}.consoles input{width:52px}
        .consoles input.changed,tr.changed td{background:#fff3c4}.mark{font-size:9px;color:#8a5a00}
        input.bad{outline:2px solid #a50026}.card.estimate b{color:#555}
        details summary{font-size:12px;cursor:pointer}#status.fail{color:#a50026}
        """

    /// The page's behaviour: read the URL, build the controls from `GET /api/scenario`, and on
    /// every change ask `POST /api/estimate` then `POST /api/view`, cancelling a superseded ask.
    static let script = #"""
        "use strict";
        const $ = (id) => document.getElementById(id);
        let scenario = null, pending = null, timer = null;
        const hour = (h) => String(h).padStart(2, "0") + ":00";
        function parseConsoles(text) {
          const parts = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
          if (!parts.every((s) => /^\d+$/.test(s))) return null;
          const values = parts.map(Number);
          if (values.length === 1) return values[0];
          return values.length === 24 ? values : null;
        }
        const written = (value) => Array.isArray(value) ? value.join(",") : String(value);
        function readAddress() {
          const params = new URLSearchParams(location.search), state = {consoles: {}};
          for (const [key, value] of params) {
            if (key === "load") state.load = value;
            else if (key === "patience") state.patience = value;
            else if (key === "pool") state.pool = value;
            else if (key === "seed") state.seed = value;
            else if (key === "replications") state.replications = value;
            else state.consoles[key] = value;
          }
          return state;
        }
        function build() {
          const grid = $("consoles");
          grid.innerHTML = "";
          for (const centre of scenario.centres) {
            const label = document.createElement("label");
            label.title = centre.name;
            label.append(centre.code + " ");
            const input = document.createElement("input");
            input.id = "consoles-" + centre.code;
            input.dataset.code = centre.code;
            input.dataset.original = written(centre.consoles);
            input.value = input.dataset.original;
            input.addEventListener("input", changed);
            label.append(input);
            grid.append(label);
          }
          for (const id of ["pool-from", "pool-to"]) {
            $(id).innerHTML = Array.from({length: 24}, (_, h) => `<option value="${h}">${hour(h)}</option>`).join("");
          }
        }
        function fill(state) {
          for (const centre of scenario.centres) {
            const input = $("consoles-" + centre.code);
            input.value = state.consoles[centre.code] ?? input.dataset.original;
          }
          $("load").value = state.load ?? "1";
          $("patience").value = state.patience ?? "";
          $("seed").value = state.seed ?? String(scenario.seed);
          $("replications").value = state.replications ?? String(scenario.replications);
          const pool = state.pool ?? scenario.pool;
          $("pool-on").checked = pool !== "none";
          const ends = pool === "none" ? [22, 7] : pool.split("-").map(Number);
          $("pool-from").value = String(ends[0]);
          $("pool-to").value = String(ends[1]);
        }
        function request() {
          const body = {}, query = new URLSearchParams();
          const consoles = {};
          let bad = false;
          for (const centre of scenario.centres) {
            const input = $("consoles-" + centre.code), text = input.value.trim();
            const differs = text !== input.dataset.original;
            input.classList.toggle("changed", differs);
            const value = parseConsoles(text);
            input.classList.toggle("bad", value === null);
            if (value === null) { bad = true; continue; }
            if (differs) { consoles[centre.code] = value; query.set(centre.code, written(value)); }
          }
          if (Object.keys(consoles).length) body.consoles = consoles;
          const load = Number($("load").value);
          if ($("load").value !== "" && load !== 1) { body.load = load; query.set("load", $("load").value); }
          const patience = $("patience").value.trim();
          if (patience) { body.patience = patience; query.set("patience", patience); }
          const pool = $("pool-on").checked ? $("pool-from").value + "-" + $("pool-to").value : "none";
          if (pool !== scenario.pool) {
            const routing = Object.assign({}, scenario.routing);
            delete routing.periods;
            if (pool !== "none") {
              const [from, to] = pool.split("-").map(Number);
              routing.periods = [{from: hour(from), to: hour(to), policy: "pooled"}];
            }
            body.routing = routing;
            query.set("pool", pool);
          }
          const seed = $("seed").value.trim();
          if (seed !== "" && seed !== String(scenario.seed)) { body.seed = Number(seed); query.set("seed", seed); }
          const replications = $("replications").value.trim();
          if (replications !== "" && replications !== String(scenario.replications)) {
            body.replications = Number(replications);
            query.set("replications", replications);
          }
          return {body, query, bad};
        }
        function show(parts) {
          for (const key of ["figures", "hourly", "map", "centres"]) if (parts[key] !== undefined) $(key).innerHTML = parts[key];
        }
        function status(text, fail) {
          $("status").textContent = text;
          $("status").className = "meta" + (fail ? " fail" : "");
        }
        async function post(path, body, signal) {
          const response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"},
                                               body: JSON.stringify(body), signal});
          const answer = await response.json();
          if (!response.ok) throw new Error(answer.error || response.statusText);
          return answer;
        }
        async function update() {
          const {body, query, bad} = request();
          const search = query.toString();
          history.replaceState(null, "", search ? "?" + search : location.pathname);
          if (bad) { status("A centre's consoles must be a whole number, or 24 of them separated by commas.", true); return; }
          if (pending) pending.abort();
          const controller = new AbortController();
          pending = controller;
          try {
            status("Erlang A…");
            show(await post("/api/estimate", body, controller.signal));
            status("Simulating…");
            const started = performance.now();
            show(await post("/api/view", body, controller.signal));
            status("Simulated in " + Math.round(performance.now() - started) + " ms.");
            document.body.dataset.state = "simulated";
          } catch (error) {
            if (error.name !== "AbortError") { status(error.message, true); document.body.dataset.state = "error"; }
          }
        }
        function changed() {
          clearTimeout(timer);
          timer = setTimeout(update, 250);
        }
        async function start() {
          const response = await fetch("/api/scenario");
          scenario = await response.json();
          build();
          fill(readAddress());
          for (const id of ["load", "patience", "pool-on", "pool-from", "pool-to", "seed", "replications"]) {
            $(id).addEventListener("input", changed);
            $(id).addEventListener("change", changed);
          }
          $("reset").addEventListener("click", () => { fill({consoles: {}}); update(); });
          update();
        }
        start().catch((error) => status("Cannot load the scenario: " + error.message, true));
        """#
}
