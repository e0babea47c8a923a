"""The directory of organisations, docs/directory.yml: read once per build and checked, so that
the directory page (hooks/directory.py) and the emergency-contacts worksheet show the same
entries, and a mistake stops the build naming the line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from handbook import yamldata

DIRECTORY_FILE = "directory.yml"
REQUIRED = ("id", "name", "description", "phones", "emails", "websites", "checked")


def load(config: Any) -> dict:
    """The directory of this build's docs, checked."""
    path = Path(config.docs_dir) / DIRECTORY_FILE
    return yamldata.for_build(config).get(("directory",), lambda: check(path, yamldata.load(config, path)))


def check(path: Path, parsed: yamldata.Parsed) -> dict:
    """Every organisation has the fields the page and the worksheet use, a unique id, dialable
    numbers and a date it was checked."""
    directory = parsed.data if isinstance(parsed.data, dict) else {}
    if not re.fullmatch(r"\d{1,3}", str(directory.get("country_code", ""))):
        raise PluginError(f"{path}:{parsed.line('country_code')}: 'country_code' must be the country calling code "
                          "of numbers written without one, e.g. country_code: \"855\" for Cambodia.")
    seen: set[str] = set()
    for g, group in enumerate(directory.get("groups") or []):
        if not group.get("organisations"):
            raise PluginError(f"{path}:{parsed.line('groups', g)}: the group '{group.get('id')}' lists no entries "
                              "under 'organisations:'.")
        for o, organisation in enumerate(group["organisations"]):
            where = f"{path}:{parsed.line('groups', g, 'organisations', o, 'id')}"
            for field in REQUIRED:
                if field not in organisation:
                    raise PluginError(f"{where}: '{organisation.get('id')}' lacks '{field}'.")
            if organisation["id"] in seen:
                raise PluginError(f"{where}: the id '{organisation['id']}' is used twice.")
            seen.add(organisation["id"])
            for p, phone in enumerate(organisation["phones"]):
                if not tel_link(phone, str(directory["country_code"])):
                    line = parsed.line("groups", g, "organisations", o, "phones", p)
                    raise PluginError(f"{path}:{line}: '{phone}' is not a number a phone can dial "
                                      "(write it with its country code, or starting with 0).")
            checked = organisation["checked"]
            if checked and not isinstance(checked, dt.date):
                line = parsed.line("groups", g, "organisations", o, "checked")
                raise PluginError(f"{path}:{line}: '{organisation['id']}': 'checked' must be the date you "
                                  f"verified the details, written YYYY-MM-DD, or \"\" (not '{checked}').")
    return directory


def tel_link(phone: str, country_code: str) -> str:
    """A tel: URI a phone dials from anywhere, with the country code: '(+855-23) 218-653' →
    'tel:+85523218653', '017 50 50 50' → 'tel:+85517505050' (country_code 855). Extensions
    and number ranges ('1082643-45 Ext: 208') are dropped: a phone dials the first number.
    Returns "" for what is not a phone number."""
    number = re.split(r"ext", phone, flags=re.IGNORECASE)[0]
    number = re.sub(r"-\d{2}\s*$", "", number.strip())
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    if number.startswith(("+", "(+")):
        return f"tel:+{digits}"
    if re.match(r"\(?" + country_code + r"\b", number):
        return f"tel:+{digits}"
    if number.startswith("0") and len(digits) > 1:
        return f"tel:+{country_code}{digits[1:]}"
    return ""


def web_link(address: str) -> str:
    """Websites are printed as in the source, some without a scheme; links need one."""
    return address if re.match(r"https?://", address) else f"https://{address}"
