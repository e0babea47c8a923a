"""``extra.worksheets`` in mkdocs.yml, declared once (not a hook itself): read by hooks/worksheets.py,
which checks it at ``on_config``, and by hooks/print_page.py (the workbook page the blank
worksheet pack is printed from)."""

from __future__ import annotations

from handbook import options


class IncidentCluster(options.Option):
    """``{count: 3, days: 30}``: the incident log warns when that many incidents fall within that
    many days."""

    def convert(self, value: object) -> dict[str, int]:
        def whole(key: str, low: int) -> bool:
            item = value.get(key) if isinstance(value, dict) else None
            return isinstance(item, int) and not isinstance(item, bool) and item >= low

        if not (isinstance(value, dict) and set(value) == {"count", "days"} and whole("count", 2) and whole("days", 1)):
            raise self.wrong("{count: <2 or more>, days: <1 or more>}", value)
        return value


class WorksheetOptions(options.Options):
    """the worksheets' settings: PBKDF2 iterations, idle lock, incident cluster, storage prefix, ..."""

    SECTION = "worksheets"
    # At least OWASP's 2023 figure; at most what an old laptop unlocks in a few seconds. Files
    # claiming more or fewer are refused (a hostile file cannot make a try cost 4 s).
    pbkdf2_iterations = options.Number(600_000, 2_000_000, whole=True,
                                       help="PBKDF2-SHA-256 iterations: from OWASP 2023's 600,000 to 2,000,000")
    idle_lock_minutes = options.Number(1, 1440, help="minutes without a key press or click before kept answers lock")
    incident_cluster = IncidentCluster(help="when the incident log warns, e.g. {count: 3, days: 30}")
    storage_prefix = options.Text(help="the start of every browser-storage key the handbook writes")
    hide_url = options.Text(help="where \"Hide now\" takes the screen, e.g. about:blank")
    workbook_page = options.Text(pattern=r"[a-z0-9][a-z0-9/-]*\.md", help="the page holding <!-- workbook -->, e.g. workbook.md")
    ids = options.TextList(help="the stable worksheet ids a declaration may use")
