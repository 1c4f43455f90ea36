"""The review report's style sheet and script: static files beside the pages, no network."""

# one colour per cell role (cells.role); caption shares heading's, service and activity action's
ROLE_COLOURS = {
    "header": "#1f6fd1",
    "heading": "#8e44ad",
    "action": "#1e9e4a",
    "cost": "#f08c00",
    "unassigned": "#e0245e",
}
ROLE_CLASS = {"caption": "heading", "service": "action", "activity": "action"}
HIGHLIGHT = "#ffd400"


def role_class(role: str) -> str:
    return ROLE_CLASS.get(role, role if role in ROLE_COLOURS else "unassigned")


def _role_css() -> str:
    rules = []
    for role, colour in ROLE_COLOURS.items():
        rules.append(f".c.{role}{{border-color:{colour};background:{colour}1f}}")
        rules.append(f"td.{role}{{box-shadow:inset 0 0 0 2px {colour};background:{colour}14}}")
        rules.append(f".legend .{role}{{border-color:{colour};background:{colour}33}}")
    return "\n".join(rules)


CSS = """
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #f4f4f4; }
header.top { padding: 8px 16px; background: #fff; border-bottom: 1px solid #ccc; position: sticky; top: 0; z-index: 5; }
header.top h1 { font-size: 18px; margin: 0 0 4px; }
a { color: #0b5cad; }
table.docs { border-collapse: collapse; margin: 16px; background: #fff; }
table.docs th, table.docs td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
table.docs td.n { text-align: right; }
.sev-error { color: #b00020; font-weight: bold; } .sev-warning { color: #a15c00; } .sev-info { color: #555; }
.status-failed { color: #b00020; font-weight: bold; } .status-no-action-plan { color: #a15c00; }
.legend span { display: inline-block; padding: 0 6px; margin-right: 6px; border: 2px solid; font-size: 12px; }
body.doc { height: 100vh; display: flex; flex-direction: column; overflow: hidden; }
body.doc header.top { position: static; flex: none; }
.split { flex: 1; min-height: 0; display: flex; gap: 12px; padding: 12px; }
.pages { flex: 0 0 62%; min-width: 0; overflow-y: auto; position: relative; }
aside.records { flex: 1; min-width: 0; overflow-y: auto; background: #fff; border: 1px solid #ccc; padding: 8px; }
figure.page { position: relative; margin: 0 0 12px; background: #fff; box-shadow: 0 1px 4px #0004; }
figure.page img { display: block; width: 100%; height: auto; }
figure.page figcaption { position: absolute; right: 4px; top: 2px; font-size: 11px; color: #888; }
.c { position: absolute; border: 2px solid; cursor: pointer; }
.c.hl, td.hl { background: #ffd40099 !important; outline: 3px solid #ffd400; z-index: 2; }
table.cells { border-collapse: collapse; background: #fff; margin-bottom: 12px; width: 100%; font-size: 12px; }
table.cells td { border: 1px solid #999; padding: 2px 4px; vertical-align: top; white-space: pre-wrap; cursor: pointer; }
.rec { border-left: 4px solid #1e9e4a; padding: 4px 6px; margin: 4px 0; cursor: pointer; list-style: none; background: #fafafa; }
.rec.sel { background: #fff4b0; }
.rec .where { color: #777; font-size: 12px; }
.rec dl { margin: 2px 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; font-size: 13px; }
.rec dt { color: #666; } .rec dd { margin: 0; white-space: pre-wrap; }
ul.recs, ul.issues { padding: 0; margin: 0; }
ul.issues li { list-style: none; font-size: 12px; margin: 2px 0; padding-left: 6px; border-left: 3px solid #ccc; }
ul.issues li.sev-error { border-color: #b00020; } ul.issues li.sev-warning { border-color: #f08c00; }
.note { background: #fff4e5; border: 1px solid #f0c080; padding: 6px 10px; margin: 0 0 12px; }
h2 { font-size: 16px; margin: 12px 0 4px; } h3 { font-size: 14px; margin: 10px 0 4px; }
"""


def css() -> str:
    return CSS + _role_css() + "\n"


# Clicking a record highlights the cells its row covers (their ids in data-cells) and scrolls
# the first into view; clicking a cell selects the record(s) whose row it covers (data-recs).
# A #r<table>-<row> address selects that record on load.
JS = """
(function () {
  var lit = [];
  function clear() {
    lit.forEach(function (el) { el.classList.remove('hl', 'sel'); });
    lit = [];
  }
  function light(el) { el.classList.add(el.classList.contains('rec') ? 'sel' : 'hl'); lit.push(el); }
  function select(rec, scrollCells) {
    clear();
    light(rec);
    var ids = (rec.getAttribute('data-cells') || '').split(' ').filter(Boolean);
    var first = null;
    ids.forEach(function (id) {
      var cell = document.getElementById(id);
      if (cell) { light(cell); first = first || cell; }
    });
    if (scrollCells && first) first.scrollIntoView({block: 'center'});
    return first;
  }
  document.addEventListener('click', function (e) {
    var rec = e.target.closest('.rec');
    if (rec) { select(rec, true); history.replaceState(null, '', '#' + rec.id); return; }
    var cell = e.target.closest('[data-recs]');
    if (cell) {
      var target = document.getElementById(cell.getAttribute('data-recs').split(' ')[0]);
      if (target) { select(target, false); target.scrollIntoView({block: 'nearest'}); }
    }
  });
  function fromHash() {
    var rec = location.hash && document.getElementById(location.hash.slice(1));
    if (rec && rec.classList.contains('rec')) { select(rec, true); rec.scrollIntoView({block: 'nearest'}); }
  }
  window.addEventListener('hashchange', fromHash);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fromHash); else fromHash();
})();
"""
