"""Drives the access page in headless Chromium (Debian's chromium, through Playwright) and
prints what a person sees, as JSON, for AccessPageTests to compare with orgprofile's own
answers.

Usage: access-page-check.py PAGE.html USER... [--pdf OUT.pdf] [--screenshots FOLDER]
Prints {"people": {user: [profile, ...]}, "matrix": {user: [cell, ...]}, "filtered": {group: {people, columns}},
"keyboard": [...], "errors": [...], "dialogs": [...], "images": N, "person": text, "group": text, "narrow": {view:
width at 375 px}, "sticky": bool, "differences": text, "temporary": [[cell, ...], ...], ...}. With --screenshots, each view as FOLDER/VIEW.png (and
phone.png at 375 px): docs/report.md's screenshots come from this script on Fixtures/team.
"""
import json
import sys

from playwright.sync_api import sync_playwright

args = sys.argv[1:]
pdf = screenshots = None
if "--pdf" in args:
    pdf = args[args.index("--pdf") + 1]
    del args[args.index("--pdf"):args.index("--pdf") + 2]
if "--screenshots" in args:
    screenshots = args[args.index("--screenshots") + 1]
    del args[args.index("--screenshots"):args.index("--screenshots") + 2]
page_path, users = args[0], args[1:]
result = {"people": {}, "matrix": {}, "errors": [], "dialogs": []}

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.on("console", lambda message: result["errors"].append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: result["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (result["dialogs"].append(dialog.message), dialog.dismiss()))
    page.goto("file://" + page_path)
    search = page.get_by_role("searchbox", name="Find a person")

    def profiles():
        return [cell.split(" (privileged)")[0] for cell in page.locator("#person tbody tr td:first-child").all_inner_texts()]

    for user in users:
        search.fill(user)
        # Exactly this user: the button whose text is the user name, or ends with "(name)".
        page.locator("#results button").filter(has_text=user).first.click()
        page.wait_for_selector("#person table")
        caption = page.inner_text("#person caption")
        links = [link.get_attribute("href") for link in page.locator("#person a").all()]
        missing = [cell.split(" (")[0] for cell in page.locator("#person tr.missing td:first-child").all_inner_texts()]
        undeclared = [row.locator("td").all_inner_texts() for row in page.locator("#person table.undeclared tbody tr").all()]
        result["people"][user] = {"caption": caption, "profiles": profiles(), "links": links, "missing": missing, "undeclared": undeclared}
    result["person"] = page.inner_text("#person")
    if screenshots:
        page.screenshot(path=screenshots + "/person.png", full_page=True)
    if pdf:
        page.pdf(path=pdf)

    # Keyboard only: Tab to the search field, type, Enter.
    search.fill("")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "search":
            break
    page.keyboard.type(users[-1])
    page.keyboard.press("Enter")
    page.wait_for_selector("#person table")
    result["keyboard"] = [page.evaluate("document.activeElement.id"), page.inner_text("#person caption")]

    page.get_by_role("button", name="Matrix").click()
    page.wait_for_selector("#matrix tbody th")
    # Cells by their full text (a long role is abbreviated on screen, in full in data-full,
    # on hover and to screen readers); rows by the person's key.
    for row in page.locator("#matrix tbody tr:has(th)").all():
        result["matrix"][row.locator("th").get_attribute("data-user")] = [cell.get_attribute("data-full") for cell in row.locator("td").all()]
    result["row_headers"] = page.locator("#matrix tbody th .who").all_inner_texts()
    result["row_marks"] = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#matrix tbody th .drift')].map((s) => [s.parentElement.dataset.user, s.title]))")
    result["abbreviated"] = page.evaluate(
        "[...document.querySelectorAll('#matrix td span[title]')].map((s) => [s.textContent, s.title, s.nextElementSibling.textContent])")
    result["columns"] = page.locator("#matrix thead th").all_inner_texts()[1:]
    # The sticky first column hides what scrolls under it: scrolled right, the point in the
    # middle of the first row's header is the header, not a cell.
    page.evaluate("document.getElementById('matrix-scroll').scrollLeft = 400")
    page.wait_for_timeout(100)
    result["sticky"] = page.evaluate(
        "(() => { const th = document.querySelector('#matrix tbody th'); const box = th.getBoundingClientRect();"
        " const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);"
        " return hit === th || th.contains(hit); })()")
    page.evaluate("document.getElementById('matrix-scroll').scrollLeft = 0")
    # Keyboard through the matrix: down twice, right once, from the first cell.
    page.focus("#matrix-scroll")
    for key in ["ArrowDown", "ArrowDown", "ArrowRight"]:
        page.keyboard.press(key)
    result["matrix_keyboard"] = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).getAttribute('aria-label')")
    if screenshots:
        page.screenshot(path=screenshots + "/matrix.png", full_page=True)
    groups = page.locator("#filter-group option").all_inner_texts()[1:]
    result["filtered"] = {}
    for group in groups:
        page.select_option("#filter-group", label=group)
        result["filtered"][group] = {
            "people": [th.get_attribute("data-user") for th in page.locator("#matrix tbody tr th").all()],
            "columns": page.locator("#matrix thead th").all_inner_texts()[1:]}
    page.select_option("#filter-group", index=0)

    page.get_by_role("button", name="Groups").click()
    result["group"] = page.inner_text("#group")
    result["group_members"] = [button.get_attribute("data-user") for button in page.locator("#group-members button").all()]
    result["groups"] = page.locator("#group-select option").all_inner_texts()
    if screenshots:
        page.screenshot(path=screenshots + "/groups.png", full_page=True)
    # A member's name opens their person view.
    if result["group_members"]:
        page.locator("#group-members button").first.click()
        result["member_opens"] = [page.is_visible("#view-person"), page.inner_text("#person-name")]
    page.get_by_role("button", name="Who manages users").click()
    result["admins"] = {
        "delegated": [b.get_attribute("data-user") for b in page.locator("#admins ul").nth(0).locator("button").all()] if page.locator("#admins ul").count() > 0 else [],
        "text": page.inner_text("#admins")}
    if screenshots:
        page.screenshot(path=screenshots + "/admins.png", full_page=True)
    if page.is_visible("nav button[data-view=drift]"):
        page.get_by_role("button", name="Differences").click()
        result["differences"] = page.inner_text("#differences")
        result["difference_items"] = page.locator("#differences li").count()
        if screenshots:
            page.screenshot(path=screenshots + "/differences.png", full_page=True)
    if page.is_visible("nav button[data-view=temporary]"):
        page.get_by_role("button", name="Temporary access").click()
        result["temporary"] = [row.locator("td").all_inner_texts() for row in page.locator("#temporary-table tbody tr").all()]
        result["temporary_summary"] = page.inner_text("#temporary p")
        # The first person listed opens with the Until column of their profiles.
        page.locator("#temporary-table tbody tr").first.locator("button").click()
        result["temporary_person"] = [row.locator("td").all_inner_texts() for row in page.locator("#person tbody tr").all()]
        result["temporary_columns"] = page.locator("#person thead th").all_inner_texts()
    # A phone's width: no view is wider than the screen (the matrix and tables scroll inside).
    page.set_viewport_size({"width": 375, "height": 740})
    result["narrow"] = {}
    for view in ["Find a person", "Matrix", "Groups", "Who manages users"]:
        page.get_by_role("button", name=view).click()
        result["narrow"][view] = page.evaluate("document.documentElement.scrollWidth")
    if screenshots:
        page.get_by_role("button", name="Find a person").click()
        page.screenshot(path=screenshots + "/phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    result["headings"] = page.locator("h2").all_inner_texts()
    result["images"] = page.locator("img").count()
    result["subtitle"] = page.inner_text("#subtitle")
    browser.close()

json.dump(result, sys.stdout, sort_keys=True)
