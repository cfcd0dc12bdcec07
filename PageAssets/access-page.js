"use strict";
(function () {
  const D = JSON.parse(document.getElementById("access-data").textContent);
  const $ = (id) => document.getElementById(id);
  // Builds an element; strings among the children become text nodes, never markup.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const account = (i) => ({ key: D.accounts[i][0], name: D.accounts[i][1], id: D.accounts[i][2], region: D.accounts[i][3] });
  const role = (i) => ({ name: D.roles[i][0], privileged: D.roles[i][1] === "1", description: D.roles[i][2], session: D.roles[i][3] });
  const target = (i) => ({ name: D.targets[i][0], account: D.targets[i][1], role: D.targets[i][2], userManagement: D.targets[i][3] });
  const user = (i) => {
    const u = D.users[i];
    const profiles = [];
    for (let k = 0; k < u[5].length; k += 2) profiles.push({ targetIndex: u[5][k], target: target(u[5][k]), via: D.sourceSets[u[5][k + 1]].map((s) => D.sources[s]) });
    return { index: i, name: u[0], display: u[1], email: u[2], userManagement: u[3], groups: u[4], profiles };
  };
  const isPrivileged = (t) => t.userManagement !== "" || role(t.role).privileged;
  const folder = (kind, name) => kind + "/" + encodeURIComponent(name) + "/";
  const userIndex = new Map(D.users.map((u, i) => [u[0], i]));
  // A person or group by display name, the key beside it as secondary text.
  const personLabel = (i) => D.users[i][1] ? [D.users[i][1], " ", el("span", { class: "key" }, D.users[i][0])] : [D.users[i][0]];
  const personTitle = (i) => D.users[i][1] ? D.users[i][1] + " (" + D.users[i][0] + ")" : D.users[i][0];
  const groupLabel = (g) => D.groups[g][4] ? [D.groups[g][4], " ", el("span", { class: "key" }, D.groups[g][0])] : [D.groups[g][0]];
  const groupTitle = (g) => D.groups[g][4] ? D.groups[g][4] + " (" + D.groups[g][0] + ")" : D.groups[g][0];
  // A role in a narrow cell: without a trailing "Access", cut at 14 characters with "…";
  // the full name on hover and to screen readers, never cut silently.
  function roleLabel(full) {
    const trimmed = full.length > 6 && full.endsWith("Access") ? full.slice(0, -6) : full;
    const shown = trimmed.length > 14 ? trimmed.slice(0, 13) + "…" : trimmed;
    return shown === full ? [full] : [el("span", { title: full, "aria-hidden": "true" }, shown), el("span", { class: "sr" }, full)];
  }
  const scrolling = (table) => el("div", { class: "table-scroll" }, table);

  $("title").textContent = "AWS access of " + D.project;
  $("subtitle").textContent = D.users.length + " people, " + D.groups.length + " groups, " + D.accounts.length + " accounts; compiled from " + D.source;

  // The drift overlay (report --snapshot): every finding of drift, counted as drift counts them.
  // [kind, subject kind, name, account, role, group, message, privileged, undeclared]
  const drift = D.drift || null;
  const assignmentKinds = new Set(["missing", "undeclared"]);
  // The findings by whom they concern, indexed once (the matrix asks for every row in sight).
  const findingsBy = new Map();
  for (const d of drift || []) {
    const key = d[1] + "\t" + d[2];
    if (!findingsBy.has(key)) findingsBy.set(key, []);
    findingsBy.get(key).push(d);
  }
  const findingsOf = (kind, name) => findingsBy.get(kind + "\t" + name) || [];
  if (drift) {
    const count = (test) => drift.filter(test).length;
    const memberships = count((d) => d[0].endsWith("_membership"));
    const missing = count((d) => d[0] === "missing"), undeclared = count((d) => d[0] === "undeclared");
    $("subtitle").append(el("span", { class: "drift", id: "drift-summary" },
      " · compared with Identity Center: " + drift.length + " difference" + (drift.length === 1 ? "" : "s") + ", " + count((d) => d[7] === "1") + " privileged (" +
      missing + " declared but missing, " + undeclared + " there but not declared, " + memberships + " memberships, " + (drift.length - missing - undeclared - memberships) + " other)"));
    document.querySelector("nav button[data-view=drift]").hidden = false;
  }
  // The assignment findings of a person (with their groups'), for the profiles and the matrix.
  function marks(name, groupIndices) {
    const missing = new Set(), undeclared = [];
    const add = (d, via) => {
      if (d[0] === "missing") missing.add(d[3] + "\t" + d[4]);
      else if (d[0] === "undeclared") undeclared.push({ account: d[3], role: d[4], via });
    };
    for (const d of findingsOf("user", name)) add(d, "direct assignment");
    for (const g of groupIndices) for (const d of findingsOf("group", D.groups[g][0])) add(d, "group " + D.groups[g][0]);
    return { missing, undeclared };
  }
  // What a person's or group's findings say beyond the profiles' marks: memberships, names Identity Center lacks.
  function differences(kind, name) {
    const other = findingsOf(kind, name).filter((d) => !assignmentKinds.has(d[0]));
    if (other.length === 0) return null;
    return [el("h4", {}, "Other differences with Identity Center"),
      el("ul", { class: "differences" }, ...other.map((d) => el("li", { class: "drift" }, (d[7] === "1" ? "! " : "") + d[6])))];
  }
  const missingGroups = (name) => new Set(findingsOf("user", name).filter((d) => d[0] === "missing_membership").map((d) => d[5]));
  const accountLabel = (key) => { const i = D.accounts.findIndex((a) => a[0] === key || a[2] === key); return i < 0 ? key : D.accounts[i][1] + " (" + D.accounts[i][2] + ")"; };

  // Views.
  const views = ["person", "matrix", "groups", "admins", "temporary", "drift"];
  function show(view) {
    for (const name of views) $("view-" + name).hidden = name !== view;
    for (const button of document.querySelectorAll("nav button")) button.setAttribute("aria-pressed", String(button.dataset.view === view));
    if (view === "matrix") drawMatrix();
  }
  for (const button of document.querySelectorAll("nav button")) button.addEventListener("click", () => show(button.dataset.view));
  // A person's name that opens their view.
  function personLink(i) {
    const button = el("button", { type: "button", class: "link", "data-user": D.users[i][0] }, ...personLabel(i));
    button.addEventListener("click", () => { show("person"); showPerson(i); });
    return button;
  }

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
  // Temporary access (a grant with until): [person, until, ends within 7 days "1" or "", [targets]], soonest first.
  const ending = new Map();
  for (const t of D.temporary || []) for (const target of t[3]) ending.set(t[0] + "\t" + target, t);
  function profileTable(caption, profiles, missing, person) {
    const until = D.temporary && person !== undefined;
    const rows = profiles.map((p) => {
      const end = until ? ending.get(person + "\t" + p.targetIndex) : undefined;
      const a = account(p.target.account), r = role(p.target.role), privileged = isPrivileged(p.target);
      const lacking = missing && missing.has(a.key + "\t" + r.name);
      return el("tr", { class: (privileged ? "privileged " : "") + (lacking ? "missing" : "") },
        el("td", {}, p.target.name, privileged ? el("span", { class: "mark", title: "privileged" }, " (privileged)") : null,
          lacking ? el("span", { class: "drift" }, " (missing in Identity Center)") : null),
        el("td", {}, a.name + " (" + a.id + ")"),
        el("td", {}, r.name + (p.target.userManagement ? " (user management)" : ""), r.description ? el("div", { class: "hint" }, r.description) : null),
        el("td", {}, a.region),
        until ? el("td", {}, end ? end[1] : "", end && end[2] === "1" ? el("span", { class: "mark" }, " (ends within 7 days)") : null) : null,
        el("td", {}, p.via.join("; ")));
    });
    return scrolling(el("table", {}, el("caption", {}, caption),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Profile"), el("th", { scope: "col" }, "Account"), el("th", { scope: "col" }, "Role"), el("th", { scope: "col" }, "Region"), until ? el("th", { scope: "col" }, "Until") : null, el("th", { scope: "col" }, "Via"))),
      el("tbody", {}, ...rows)));
  }
  function undeclaredTable(caption, entries) {
    return scrolling(el("table", { class: "undeclared" }, el("caption", {}, caption),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Account"), el("th", { scope: "col" }, "Role"), el("th", { scope: "col" }, "Via"))),
      el("tbody", {}, ...entries.map((e) => el("tr", {}, el("td", {}, accountLabel(e.account)), el("td", {}, e.role, el("span", { class: "drift" }, " (not declared)")), el("td", {}, e.via))))));
  }
  function groupButton(g, lacking) {
    const button = el("button", { type: "button", class: "link" }, ...groupLabel(g));
    button.addEventListener("click", () => { show("groups"); $("group-select").value = String(g); showGroup(); });
    return [button, lacking ? el("span", { class: "drift" }, " (membership missing in Identity Center)") : null];
  }
  function showPerson(i) {
    const u = user(i);
    const title = personTitle(i);
    const parts = [el("h3", { id: "person-name" }, title)];
    if (u.email) parts.push(el("p", {}, u.email));
    const lacking = missingGroups(u.name);
    if (u.groups.length) parts.push(el("p", {}, "Groups: ", ...u.groups.flatMap((g, k) => [k ? ", " : null, ...groupButton(g, lacking.has(D.groups[g][0]))])));
    if (D.links) parts.push(el("p", {}, el("a", { href: folder("users", u.name) + "config" }, "config"), " · ", el("a", { href: folder("users", u.name) + "README.md" }, "onboarding page")));
    const command = "orgprofile install --from users/" + u.name + "/config";
    const copy = el("button", { type: "button", class: "copy" }, "Copy");
    copy.addEventListener("click", () => { if (navigator.clipboard) navigator.clipboard.writeText(command).then(() => { copy.textContent = "Copied"; }, () => {}); });
    parts.push(el("p", {}, "Install: ", el("code", {}, command), " ", copy));
    const found = marks(u.name, u.groups);
    parts.push(profileTable("Profiles of " + title, u.profiles, found.missing, i));
    if (found.undeclared.length) parts.push(undeclaredTable("In Identity Center but not in " + D.source + ": " + title, found.undeclared));
    const other = differences("user", u.name);
    if (other) parts.push(...other);
    $("person").replaceChildren(...parts);
  }

  // The matrix: people by the accounts where the filtered people hold access, only the rows in sight drawn.
  const rowHeight = 26;
  for (const [i] of D.groups.entries()) $("filter-group").append(el("option", { value: String(i) }, groupTitle(i)));
  for (const [i, a] of D.accounts.entries()) $("filter-account").append(el("option", { value: String(i) }, a[1] + " (" + a[2] + ")"));
  for (const [i, r] of D.roles.entries()) $("filter-role").append(el("option", { value: String(i) }, r[0]));
  const columnOf = (key) => D.accounts.findIndex((a) => a[0] === key || a[2] === key);
  let rows = [], columns = [];
  function filterMatrix() {
    const group = $("filter-group").value, acc = $("filter-account").value, rl = $("filter-role").value;
    const used = new Set();
    rows = [];
    for (let i = 0; i < D.users.length; i++) {
      const u = D.users[i];
      if (group !== "" && !u[4].includes(Number(group))) continue;
      let keep = acc === "" && rl === "";
      for (let k = 0; k < u[5].length; k += 2) {
        const t = D.targets[u[5][k]];
        if ((acc === "" || t[1] === Number(acc)) && (rl === "" || t[2] === Number(rl))) { keep = true; used.add(t[1]); }
      }
      if (keep && acc === "" && rl === "") for (const e of marks(u[0], u[4]).undeclared) if (columnOf(e.account) >= 0) used.add(columnOf(e.account));
      if (keep) rows.push(i);
    }
    columns = [...used].sort((a, b) => a - b);
    $("matrix-count").textContent = rows.length + " of " + D.users.length + " people, " + columns.length + " of " + D.accounts.length + " accounts";
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
    const first = Math.max(0, Math.floor(scroll.scrollTop / rowHeight) - 5);
    const last = Math.min(rows.length, first + Math.ceil(scroll.clientHeight / rowHeight) + 15);
    // Spacers stand for the rows out of sight (sized through the CSSOM: the policy allows no style attribute).
    const spacer = (count) => { const cell = el("td", { class: "spacer" }); cell.style.height = count * rowHeight + "px"; return el("tr", { "aria-hidden": "true" }, cell); };
    const drawn = [spacer(first)];
    for (let r = first; r < last; r++) {
      const i = rows[r], held = cells(i), found = marks(D.users[i][0], D.users[i][4]);
      const other = findingsOf("user", D.users[i][0]).filter((d) => !assignmentKinds.has(d[0]));
      const header = el("th", { scope: "row", "data-user": D.users[i][0], title: personTitle(i) }, el("span", { class: "who" }, ...personLabel(i)),
        other.length ? el("span", { class: "drift", title: other.map((d) => d[6]).join("\n") }, " ⚠" + other.length, el("span", { class: "sr" }, " other difference" + (other.length === 1 ? "" : "s") + " with Identity Center")) : null);
      drawn.push(el("tr", {}, header, ...columns.map((c, column) => {
        const here = held.get(c) || [];
        const privileged = here.some((t) => t[3] !== "" || D.roles[t[2]][1] === "1");
        const entries = here.map((t) => ({ role: D.roles[t[2]][0], note: (t[3] ? " (user management)" : "") + (found.missing.has(D.accounts[c][0] + "\t" + D.roles[t[2]][0]) ? " (missing)" : "") }));
        for (const e of found.undeclared) if (columnOf(e.account) === c) entries.push({ role: e.role, note: " (not declared)" });
        const texts = entries.map((e) => e.role + e.note);
        const drifted = texts.some((t) => t.endsWith("(missing)") || t.endsWith("(not declared)"));
        const current = r === cursor.row && column === cursor.column;
        const cell = el("td", { class: (privileged ? "privileged " : "") + (drifted ? "drifted " : "") + (current ? "current" : ""), "data-full": texts.join(", ") },
          ...entries.flatMap((e, k) => [k ? ", " : null, ...roleLabel(e.role), e.note || null]));
        if (current) { cell.id = "matrix-current"; cell.setAttribute("aria-label", personTitle(i) + ", " + D.accounts[c][1] + ": " + (texts.join(", ") || "no access")); }
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

  // Groups: by display name, members linked to their person view.
  for (const [i] of D.groups.entries()) $("group-select").append(el("option", { value: String(i) }, groupTitle(i)));
  function showGroup() {
    const index = Number($("group-select").value), g = D.groups[index];
    if (!g) return;
    const profiles = g[3].map((t) => ({ target: target(t), via: ["group " + g[0]] }));
    const lacking = new Set(drift ? drift.filter((d) => d[0] === "missing_membership" && d[5] === g[0]).map((d) => d[2]) : []);
    const members = g[2].flatMap((u, k) => [k ? ", " : null, personLink(u), lacking.has(D.users[u][0]) ? el("span", { class: "drift" }, " (missing in Identity Center)") : null]);
    const other = differences("group", g[0]);
    $("group").replaceChildren(
      el("h3", {}, "Group ", ...groupLabel(index)),
      g[1] ? el("p", {}, g[1]) : null,
      el("p", { id: "group-members" }, "Members (" + g[2].length + "): ", ...(g[2].length ? members : ["none"])),
      profileTable("Grants of group " + groupTitle(index), profiles, marks("", [index]).missing),
      ...(other || []));
  }
  $("group-select").addEventListener("change", showGroup);
  showGroup();

  // Who manages users.
  const holders = (kind) => D.users.map((u, i) => [u, i]).filter(([u]) => u[3] === kind).map(([, i]) => i);
  const list = (people) => people.length ? el("ul", {}, ...people.map((i) => el("li", {}, personLink(i)))) : el("p", {}, "nobody (user_management in " + D.source + " says who)");
  $("admins").replaceChildren(
    el("h3", {}, "User-management admins (the delegated administrator account)"), list(holders("delegated_admin")),
    el("h3", {}, "Super admins (the Organization Management account)"), list(holders("organization_management")));

  // Temporary access: every profile that ends, soonest first, what ends within 7 days marked;
  // drawn 500 rows at a time (an organisation may have many thousands).
  if (D.temporary) {
    document.querySelector("nav button[data-view=temporary]").hidden = false;
    const entries = D.temporary.flatMap((t) => t[3].map((target) => [t[0], target, t[1], t[2]]));
    const soon = entries.filter((t) => t[3] === "1").length;
    const body = el("tbody", {});
    const more = el("button", { type: "button", class: "copy" }, "");
    let shown = 0;
    function drawTemporary() {
      const next = entries.slice(shown, shown + 500);
      body.append(...next.map((t) => {
        const p = target(t[1]), a = account(p.account);
        return el("tr", { class: t[3] === "1" ? "privileged" : "" },
          el("td", {}, t[2], t[3] === "1" ? el("span", { class: "mark" }, " (ends within 7 days)") : null),
          el("td", {}, personLink(t[0])), el("td", {}, p.name), el("td", {}, a.name + " (" + a.id + ")"),
          el("td", {}, role(p.role).name + (p.userManagement ? " (user management)" : "")));
      }));
      shown += next.length;
      more.hidden = shown >= entries.length;
      more.textContent = "Show " + Math.min(500, entries.length - shown) + " more of " + (entries.length - shown);
    }
    more.addEventListener("click", drawTemporary);
    drawTemporary();
    $("temporary").replaceChildren(
      el("p", {}, entries.length + " profile" + (entries.length === 1 ? "" : "s") + " that end, soonest first; " + soon + " within 7 days of " + D.asOf + ", the day " + D.source + " is read as of."),
      scrolling(el("table", { id: "temporary-table" }, el("caption", {}, "Temporary access by end date"),
        el("thead", {}, el("tr", {}, ...["Until", "Person", "Profile", "Account", "Role"].map((h) => el("th", { scope: "col" }, h)))),
        body)),
      more);
  }

  // Differences: every finding of drift, by whom it concerns, as drift lists them.
  if (drift) {
    const subjects = new Map();
    for (const d of drift) {
      const key = d[1] + "\t" + d[2];
      if (!subjects.has(key)) subjects.set(key, []);
      subjects.get(key).push(d);
    }
    const parts = [];
    for (const [key, findings] of subjects) {
      const [kind, name] = key.split("\t");
      const heading = kind === "" ? ["org.yaml's accounts and roles"]
        : kind === "user" && userIndex.has(name) ? ["user ", personLink(userIndex.get(name))]
        : [kind + " " + name + (findings[0][8] === "1" ? " (not in " + D.source + ")" : "")];
      parts.push(el("h3", {}, ...heading), el("ul", { class: "differences" }, ...findings.map((d) => el("li", { class: d[7] === "1" ? "drift" : "" }, (d[7] === "1" ? "! " : "") + d[6]))));
    }
    $("differences").replaceChildren(el("p", {}, drift.length + " difference" + (drift.length === 1 ? "" : "s") + " between " + D.source + " and IAM Identity Center, as orgprofile drift lists them (! grants power nobody reviewed)."), ...parts);
  }
})();
