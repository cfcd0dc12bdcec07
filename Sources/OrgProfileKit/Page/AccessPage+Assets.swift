/// The page's markup, style and script: fixed text, the same for every org (the data
/// differs). The script sets every name with `textContent`/`append`, never as markup.
extension AccessPage {
    static let body = #"""
        <header><h1 id="title">AWS access</h1><p id="subtitle"></p></header>
        <nav aria-label="Views">
        <button type="button" data-view="person" aria-pressed="true">Find a person</button>
        <button type="button" data-view="matrix" aria-pressed="false">Matrix</button>
        <button type="button" data-view="groups" aria-pressed="false">Groups</button>
        <button type="button" data-view="admins" aria-pressed="false">Who manages users</button>
        </nav>
        <main>
        <section id="view-person" aria-labelledby="h-person">
        <h2 id="h-person">Find a person</h2>
        <label for="search">Find a person</label>
        <input id="search" type="search" autocomplete="off" spellcheck="false" aria-controls="results" aria-describedby="search-hint">
        <p id="search-hint" class="hint">By name, user name or e-mail; Enter opens the first match.</p>
        <ul id="results" aria-label="People found"></ul>
        <div id="person" aria-live="polite"></div>
        </section>
        <section id="view-matrix" aria-labelledby="h-matrix" hidden>
        <h2 id="h-matrix">Matrix</h2>
        <div class="filters">
        <label>Group <select id="filter-group"><option value="">every group</option></select></label>
        <label>Account <select id="filter-account"><option value="">every account</option></select></label>
        <label>Role <select id="filter-role"><option value="">every role</option></select></label>
        <span id="matrix-count" aria-live="polite"></span>
        </div>
        <div id="matrix-scroll" tabindex="0" aria-label="People by account; the arrow keys move from cell to cell">
        <table id="matrix"><caption>Roles of each person on each account</caption><thead></thead><tbody></tbody></table>
        </div>
        </section>
        <section id="view-groups" aria-labelledby="h-groups" hidden>
        <h2 id="h-groups">Groups</h2>
        <label>Group <select id="group-select"></select></label>
        <div id="group"></div>
        </section>
        <section id="view-admins" aria-labelledby="h-admins" hidden>
        <h2 id="h-admins">Who manages users</h2>
        <div id="admins"></div>
        </section>
        </main>
        """#

    static let style = #"""
        :root{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#fff}
        body{margin:0 auto;max-width:80rem;padding:1rem}
        h1{font-size:1.5rem;margin:.2rem 0}.hint,#subtitle{color:#57606a;margin:.2rem 0}
        nav{display:flex;gap:.4rem;margin:1rem 0;flex-wrap:wrap}
        nav button,.copy{font:inherit;padding:.35rem .8rem;border:1px solid #8c959f;border-radius:.4rem;background:#f6f8fa;cursor:pointer}
        nav button[aria-pressed="true"]{background:#0969da;color:#fff;border-color:#0969da}
        button:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible,#matrix-scroll:focus-visible{outline:3px solid #bf8700;outline-offset:2px}
        label{font-weight:600;margin-right:.5rem}input[type=search]{font:inherit;padding:.35rem;width:min(30rem,90%)}
        #results{list-style:none;padding:0;margin:.5rem 0}#results button{font:inherit;background:none;border:none;color:#0969da;cursor:pointer;padding:.15rem 0;text-align:left}
        table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        tr.privileged td,td.privileged{background:#fff1e5}.mark{color:#bc4c00;font-weight:700}
        .drift{color:#cf222e;font-weight:700}#matrix td.current{outline:3px solid #bf8700;outline-offset:-3px}tr.missing td,td.drifted{outline:2px dashed #cf222e;outline-offset:-2px}
        code{background:#f6f8fa;padding:.15rem .3rem;border-radius:.3rem}
        .filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
        #matrix-scroll{max-height:70vh;overflow:auto;border:1px solid #d0d7de}
        #matrix{margin:0;white-space:nowrap}#matrix td,#matrix th{height:26px;box-sizing:border-box}#matrix td.spacer{padding:0;border:0}
        #matrix thead th{position:sticky;top:0;background:#f6f8fa;z-index:2}
        #matrix tbody th{position:sticky;left:0;background:#fff;z-index:1}
        #matrix thead th:first-child{left:0;z-index:3}
        @media print{nav,#search,label[for=search],.hint,#results,.copy,.filters{display:none}
        section[hidden]{display:none}body{max-width:none}tr.privileged td{background:none}}
        """#

    static let script = #"""
        "use strict";
        (function () {
          const D = JSON.parse(document.getElementById("access-data").textContent);
          const $ = (id) => document.getElementById(id);
          // Builds an element; strings among the children become text nodes, never markup.
          function el(tag, attributes, ...children) {
            const node = document.createElement(tag);
            for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
            for (const child of children) if (child !== null && child !== undefined) node.append(child);
            return node;
          }
          const account = (i) => ({ key: D.accounts[i][0], name: D.accounts[i][1], id: D.accounts[i][2], region: D.accounts[i][3] });
          const role = (i) => ({ name: D.roles[i][0], privileged: D.roles[i][1] === "1", description: D.roles[i][2], session: D.roles[i][3] });
          const target = (i) => ({ name: D.targets[i][0], account: D.targets[i][1], role: D.targets[i][2], userManagement: D.targets[i][3] });
          const user = (i) => {
            const u = D.users[i];
            const profiles = [];
            for (let k = 0; k < u[5].length; k += 2) profiles.push({ target: target(u[5][k]), via: D.sourceSets[u[5][k + 1]].map((s) => D.sources[s]) });
            return { index: i, name: u[0], display: u[1], email: u[2], userManagement: u[3], groups: u[4], profiles };
          };
          const isPrivileged = (t) => t.userManagement !== "" || role(t.role).privileged;
          const folder = (kind, name) => kind + "/" + encodeURIComponent(name) + "/";

          $("title").textContent = "AWS access of " + D.project;
          $("subtitle").textContent = D.users.length + " people, " + D.groups.length + " groups, " + D.accounts.length + " accounts; compiled from " + D.source;

          // The drift overlay (report --snapshot): what a person's grants lack in Identity Center, and what they hold there undeclared.
          const drift = D.drift || null;
          if (drift) {
            const missing = drift.filter((d) => d[0] === "missing").length;
            $("subtitle").append(el("span", { class: "drift", id: "drift-summary" }, " · compared with Identity Center: " + missing + " declared but missing, " + (drift.length - missing) + " there but not declared"));
          }
          function marks(name, groupIndices) {
            const missing = new Set(), undeclared = [];
            if (!drift) return { missing, undeclared };
            const groups = new Set(groupIndices.map((g) => D.groups[g][0]));
            for (const [what, kind, holder, accountKey, roleName] of drift) {
              if (!((kind === "user" && holder === name) || (kind === "group" && groups.has(holder)))) continue;
              if (what === "missing") missing.add(accountKey + "\t" + roleName);
              else undeclared.push({ account: accountKey, role: roleName, via: kind === "group" ? "group " + holder : "direct assignment" });
            }
            return { missing, undeclared };
          }
          const accountLabel = (key) => { const i = D.accounts.findIndex((a) => a[0] === key || a[2] === key); return i < 0 ? key : D.accounts[i][1] + " (" + D.accounts[i][2] + ")"; };

          // Views.
          const views = ["person", "matrix", "groups", "admins"];
          function show(view) {
            for (const name of views) $("view-" + name).hidden = name !== view;
            for (const button of document.querySelectorAll("nav button")) button.setAttribute("aria-pressed", String(button.dataset.view === view));
            if (view === "matrix") drawMatrix();
          }
          for (const button of document.querySelectorAll("nav button")) button.addEventListener("click", () => show(button.dataset.view));

          // Find a person.
          const haystack = D.users.map((u) => (u[0] + "\n" + u[1] + "\n" + u[2]).toLowerCase());
          let found = [];
          function search() {
            const query = $("search").value.trim().toLowerCase();
            const list = $("results");
            list.replaceChildren();
            found = [];
            if (query === "") return;
            for (let i = 0; i < haystack.length && found.length < 50; i++) if (haystack[i].includes(query)) found.push(i);
            for (const i of found) {
              const u = D.users[i];
              const button = el("button", { type: "button" }, u[1] ? u[1] + " (" + u[0] + ")" : u[0]);
              button.addEventListener("click", () => showPerson(i));
              list.append(el("li", {}, button));
            }
            if (found.length === 0) list.append(el("li", {}, "Nobody matches."));
          }
          $("search").addEventListener("input", search);
          $("search").addEventListener("keydown", (event) => {
            if (event.key === "Enter" && found.length > 0) { event.preventDefault(); showPerson(found[0]); }
          });
          function profileTable(caption, profiles, missing) {
            const rows = profiles.map((p) => {
              const a = account(p.target.account), r = role(p.target.role), privileged = isPrivileged(p.target);
              const lacking = missing && missing.has(a.key + "\t" + r.name);
              return el("tr", { class: (privileged ? "privileged " : "") + (lacking ? "missing" : "") },
                el("td", {}, p.target.name, privileged ? el("span", { class: "mark", title: "privileged" }, " (privileged)") : null,
                  lacking ? el("span", { class: "drift" }, " (missing in Identity Center)") : null),
                el("td", {}, a.name + " (" + a.id + ")"),
                el("td", {}, r.name + (p.target.userManagement ? " (user management)" : ""), r.description ? el("div", { class: "hint" }, r.description) : null),
                el("td", {}, a.region),
                el("td", {}, p.via.join("; ")));
            });
            return el("table", {}, el("caption", {}, caption),
              el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Profile"), el("th", { scope: "col" }, "Account"), el("th", { scope: "col" }, "Role"), el("th", { scope: "col" }, "Region"), el("th", { scope: "col" }, "Via"))),
              el("tbody", {}, ...rows));
          }
          function undeclaredTable(caption, entries) {
            return el("table", { class: "undeclared" }, el("caption", {}, caption),
              el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Account"), el("th", { scope: "col" }, "Role"), el("th", { scope: "col" }, "Via"))),
              el("tbody", {}, ...entries.map((e) => el("tr", {}, el("td", {}, accountLabel(e.account)), el("td", {}, e.role, el("span", { class: "drift" }, " (not declared)")), el("td", {}, e.via)))));
          }
          function showPerson(i) {
            const u = user(i);
            const title = u.display ? u.display + " (" + u.name + ")" : u.name;
            const parts = [el("h3", { id: "person-name" }, title)];
            if (u.email) parts.push(el("p", {}, u.email));
            if (u.groups.length) parts.push(el("p", {}, "Groups: " + u.groups.map((g) => D.groups[g][0]).join(", ")));
            if (D.links) parts.push(el("p", {}, el("a", { href: folder("users", u.name) + "config" }, "config"), " · ", el("a", { href: folder("users", u.name) + "README.md" }, "onboarding page")));
            const command = "orgprofile install --from users/" + u.name + "/config";
            const copy = el("button", { type: "button", class: "copy" }, "Copy");
            copy.addEventListener("click", () => { if (navigator.clipboard) navigator.clipboard.writeText(command).then(() => { copy.textContent = "Copied"; }, () => {}); });
            parts.push(el("p", {}, "Install: ", el("code", {}, command), " ", copy));
            const found = marks(u.name, u.groups);
            parts.push(profileTable("Profiles of " + title, u.profiles, found.missing));
            if (found.undeclared.length) parts.push(undeclaredTable("In Identity Center but not in " + D.source + ": " + title, found.undeclared));
            $("person").replaceChildren(...parts);
          }

          // The matrix: people by accounts, only the rows in sight drawn.
          const rowHeight = 26;
          for (const [i, g] of D.groups.entries()) $("filter-group").append(el("option", { value: String(i) }, g[0]));
          for (const [i, a] of D.accounts.entries()) $("filter-account").append(el("option", { value: String(i) }, a[1] + " (" + a[2] + ")"));
          for (const [i, r] of D.roles.entries()) $("filter-role").append(el("option", { value: String(i) }, r[0]));
          let rows = [], columns = [];
          function filterMatrix() {
            const group = $("filter-group").value, acc = $("filter-account").value, rl = $("filter-role").value;
            columns = acc === "" ? D.accounts.map((_, i) => i) : [Number(acc)];
            rows = [];
            for (let i = 0; i < D.users.length; i++) {
              const u = D.users[i];
              if (group !== "" && !u[4].includes(Number(group))) continue;
              let keep = acc === "" && rl === "";
              for (let k = 0; !keep && k < u[5].length; k += 2) {
                const t = D.targets[u[5][k]];
                if ((acc === "" || t[1] === Number(acc)) && (rl === "" || t[2] === Number(rl))) keep = true;
              }
              if (keep) rows.push(i);
            }
            $("matrix-count").textContent = rows.length + " of " + D.users.length + " people";
            cursor.row = 0;
            cursor.column = 0;
            const head = el("tr", {}, el("th", { scope: "col" }, "Person"), ...columns.map((c) => el("th", { scope: "col", title: D.accounts[c][2] }, D.accounts[c][1])));
            $("matrix").tHead.replaceChildren(head);
            $("matrix-scroll").scrollTop = 0;
            drawRows();
          }
          function cells(i) {
            const byAccount = new Map();
            const u = D.users[i];
            for (let k = 0; k < u[5].length; k += 2) {
              const t = D.targets[u[5][k]];
              if (!byAccount.has(t[1])) byAccount.set(t[1], []);
              byAccount.get(t[1]).push(t);
            }
            return byAccount;
          }
          function drawRows() {
            const scroll = $("matrix-scroll"), body = $("matrix").tBodies[0];
            const columnOf = (key) => D.accounts.findIndex((a) => a[0] === key || a[2] === key);
            const first = Math.max(0, Math.floor(scroll.scrollTop / rowHeight) - 5);
            const last = Math.min(rows.length, first + Math.ceil(scroll.clientHeight / rowHeight) + 15);
            // Spacers stand for the rows out of sight (sized through the CSSOM: the policy allows no style attribute).
            const spacer = (count) => { const cell = el("td", { class: "spacer" }); cell.style.height = count * rowHeight + "px"; return el("tr", { "aria-hidden": "true" }, cell); };
            const drawn = [spacer(first)];
            for (let r = first; r < last; r++) {
              const i = rows[r], held = cells(i), found = marks(D.users[i][0], D.users[i][4]);
              drawn.push(el("tr", {}, el("th", { scope: "row" }, D.users[i][0]), ...columns.map((c, column) => {
                const here = held.get(c) || [];
                const privileged = here.some((t) => t[3] !== "" || D.roles[t[2]][1] === "1");
                const texts = here.map((t) => D.roles[t[2]][0] + (t[3] ? " (user management)" : "") + (found.missing.has(D.accounts[c][0] + "\t" + D.roles[t[2]][0]) ? " (missing)" : ""));
                for (const e of found.undeclared) if (columnOf(e.account) === c) texts.push(e.role + " (not declared)");
                const drifted = texts.some((t) => t.endsWith("(missing)") || t.endsWith("(not declared)"));
                const current = r === cursor.row && column === cursor.column;
                const cell = el("td", { class: (privileged ? "privileged " : "") + (drifted ? "drifted " : "") + (current ? "current" : "") }, texts.join(", "));
                if (current) { cell.id = "matrix-current"; cell.setAttribute("aria-label", D.users[i][0] + ", " + D.accounts[c][1] + ": " + (texts.join(", ") || "no access")); }
                return cell;
              })));
            }
            drawn.push(spacer(rows.length - last));
            body.replaceChildren(...drawn);
          }
          // Keyboard: the arrow keys (and Home, End, Page Up, Page Down) move a current cell,
          // which the scroll follows; the region names it through aria-activedescendant.
          const cursor = { row: 0, column: 0 };
          $("matrix-scroll").addEventListener("keydown", (event) => {
            const page = Math.max(1, Math.floor($("matrix-scroll").clientHeight / rowHeight) - 2);
            const moves = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1], PageDown: [page, 0], PageUp: [-page, 0] };
            if (event.key === "Home") cursor.column = 0;
            else if (event.key === "End") cursor.column = columns.length - 1;
            else if (moves[event.key]) {
              cursor.row = Math.min(Math.max(cursor.row + moves[event.key][0], 0), Math.max(rows.length - 1, 0));
              cursor.column = Math.min(Math.max(cursor.column + moves[event.key][1], 0), Math.max(columns.length - 1, 0));
            } else return;
            event.preventDefault();
            const scroll = $("matrix-scroll"), top = (cursor.row + 1) * rowHeight;
            if (top < scroll.scrollTop + rowHeight * 2) scroll.scrollTop = Math.max(0, top - rowHeight * 2);
            else if (top + rowHeight > scroll.scrollTop + scroll.clientHeight) scroll.scrollTop = top + rowHeight - scroll.clientHeight;
            drawRows();
            const current = $("matrix-current");
            if (current) { scroll.setAttribute("aria-activedescendant", "matrix-current"); current.scrollIntoView({ block: "nearest", inline: "nearest" }); }
          });
          let drawn = false;
          function drawMatrix() { if (!drawn) { drawn = true; filterMatrix(); } }
          for (const id of ["filter-group", "filter-account", "filter-role"]) $(id).addEventListener("change", filterMatrix);
          $("matrix-scroll").addEventListener("scroll", () => requestAnimationFrame(drawRows));

          // Groups.
          for (const [i, g] of D.groups.entries()) $("group-select").append(el("option", { value: String(i) }, g[0]));
          function showGroup() {
            const g = D.groups[Number($("group-select").value)];
            if (!g) return;
            const profiles = g[3].map((t) => ({ target: target(t), via: ["group " + g[0]] }));
            $("group").replaceChildren(
              el("h3", {}, "Group " + g[0]),
              g[1] ? el("p", {}, g[1]) : null,
              el("p", {}, "Members: " + (g[2].length ? g[2].map((u) => D.users[u][0]).join(", ") : "none")),
              profileTable("Grants of group " + g[0], profiles, marks("", [Number($("group-select").value)]).missing));
          }
          $("group-select").addEventListener("change", showGroup);
          showGroup();

          // Who manages users.
          const holders = (kind) => D.users.filter((u) => u[3] === kind).map((u) => u[0]);
          const list = (names) => names.length ? el("ul", {}, ...names.map((n) => el("li", {}, n))) : el("p", {}, "nobody");
          $("admins").replaceChildren(
            el("h3", {}, "User-management admins (the delegated administrator account)"), list(holders("delegated_admin")),
            el("h3", {}, "Super admins (the Organization Management account)"), list(holders("organization_management")));
        })();
        """#
}
