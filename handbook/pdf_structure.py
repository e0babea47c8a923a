"""What a screen reader and a PDF viewer read besides the page: the structure tree, the
bookmarks and the artifacts.

- Structure ids: Chromium names tagged elements after its DOM node numbers, which shift from one
  print to the next; numbering them in document order makes prints identical.
- Bookmarks: Chromium points some chapter bookmarks at the foot of the page before the chapter
  (a heading that holds an ``<abbr>``: Legal framework, UPR, the directory); each bookmark goes
  to the page where its heading's tagged content is.
- Figures: a ``<figure>`` drawn with HTML text (the six steps, the three levels) is tagged
  ``/Figure`` without alternative text; its text is what a reader needs, so it becomes a
  ``/Div`` whose lists, paragraphs and caption are read as such. A figure without text of its
  own keeps ``/Figure`` and must have ``/Alt`` (tests/test_pdf.py checks).
- Wrappers: Chromium wraps each piece of marked content in a ``/NonStruct`` element of its own
  (half of all elements); the piece goes straight into its parent instead, which reads the same.
- Links: each link annotation gets ``/Contents`` (PDF/UA): the web address, or the text of the
  heading it leads to.
- Artifacts: Chromium leaves the running titles, page numbers and page backgrounds outside any
  marked content; PDF/UA wants them marked ``/Artifact`` so assistive technology skips them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

# A line of Chromium's content stream that opens, or closes, a marked-content sequence.
OPENS = re.compile(rb"^(?:/(?P<tag>\w+)\s*(?P<properties><<.*>>|/\w+)?\s*(?:BDC|BMC))$")
TAGGED = re.compile(rb"/MCID\s")


def renumber_ids(document: pikepdf.Pdf, elements: list[pikepdf.Dictionary]) -> None:
    """Structure element ids numbered in document order (``elements``: structure_elements)."""
    new_id: dict[str, str] = {}
    with_headers: list[pikepdf.Dictionary] = []
    for element in elements:
        element_id = element.get("/ID")
        if isinstance(element_id, pikepdf.String):
            element.ID = pikepdf.String(new_id.setdefault(str(element_id), f"node{len(new_id) + 1:08d}"))
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                with_headers.append(attribute)
    # Table cells point at their header cells by id (/A << /Headers [...] >>).
    for attribute in with_headers:
        attribute.Headers = pikepdf.Array([pikepdf.String(new_id.get(str(h), str(h))) for h in attribute.Headers])
    root = document.Root.get("/StructTreeRoot")
    if root is not None and "/IDTree" in root:
        # A name tree is sorted by name: the renamed one, as one leaf.
        named = sorted(((new_id.get(str(name), str(name)), element) for name, element in _tree_leaves(root.IDTree)),
                       key=lambda entry: entry[0])
        root.IDTree = pikepdf.Dictionary(Names=pikepdf.Array(
            [item for name, element in named for item in (pikepdf.String(name), element)]))


def _tree_leaves(node: pikepdf.Dictionary):
    """(name, value) of every entry of a name tree."""
    names = list(node.get("/Names", []))
    yield from zip(names[0::2], names[1::2])
    for kid in node.get("/Kids", []):
        yield from _tree_leaves(kid)


def fix_bookmarks(document: pikepdf.Pdf, titles: list[str]) -> int:
    """Points each bookmark at the page its heading is on, with the heading's text as the page
    shows it (``titles``); returns how many bookmarks moved."""
    outlines = document.Root.get("/Outlines")
    if outlines is None:
        return 0
    spelled = {"".join(title.split()): title for title in titles}
    moved = 0
    stack = [outlines.get("/First")]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        stack.extend([item.get("/Next"), item.get("/First")])
        title = spelled.get("".join(str(item.get("/Title", "")).split()))
        if title:
            item.Title = pikepdf.String(title)
        heading_page = _first_page(item.get("/SE"))
        destination = item.get("/Dest")
        if heading_page is None or not isinstance(destination, pikepdf.Array) or \
                destination[0].objgen == heading_page.objgen:
            continue
        top = float(heading_page.MediaBox[3])
        item.Dest = pikepdf.Array([heading_page, pikepdf.Name.XYZ, 0, top, 0])
        moved += 1
    return moved


def _first_page(element: pikepdf.Object | None) -> pikepdf.Dictionary | None:
    """The page of an element's first marked content (depth first, in order)."""
    stack: list[tuple[object, pikepdf.Object | None]] = [(element, None)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, int):
            return page
        if not isinstance(node, pikepdf.Dictionary):
            continue
        page = node.get("/Pg", page)
        if node.get("/Type") == "/MCR":
            return page
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        stack.extend((kid, page) for kid in reversed(items))
    return None


def structure_elements(document: pikepdf.Pdf):
    """Every element of the structure tree, once, in document order."""
    root = document.Root.get("/StructTreeRoot")
    stack = [root] if root is not None else []
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        yield node
        kids = node.get("/K")
        stack.extend(reversed(list(kids)) if isinstance(kids, pikepdf.Array) else [kids])


def figures_of_text_as_groups(elements: list[pikepdf.Dictionary]) -> None:
    for element in elements:
        if element.get("/S") == "/Figure" and "/Alt" not in element:
            kids = element.get("/K")
            items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            if any(isinstance(kid, pikepdf.Dictionary) and kid.get("/S") not in (None, "/NonStruct")
                   for kid in items):
                element.S = pikepdf.Name.Div


def unwrap_marked_content(document: pikepdf.Pdf, elements: list[pikepdf.Dictionary]) -> int:
    """Replaces each ``/NonStruct`` element that holds one piece of marked content by that piece
    (an MCID, with its page when the parent is on another); returns how many went."""
    replaced: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for element in elements:
        kids = element.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        new, changed = [], False
        for kid in items:
            if not _is_wrapper(kid):
                new.append(kid)
                continue
            page = element.get("/Pg")
            same_page = page is not None and page.objgen == kid.Pg.objgen
            new.append(int(kid.K) if same_page else pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=kid.Pg, MCID=int(kid.K)))
            replaced[kid.objgen] = element
            changed = True
        if changed:
            element.K = new[0] if len(new) == 1 else pikepdf.Array(new)
    # The parent tree says which element each MCID of a page belongs to.
    tree = document.Root.StructTreeRoot.get("/ParentTree")
    for node in _number_tree_leaves(tree):
        numbers = list(node.Nums)
        for index in range(1, len(numbers), 2):
            value = numbers[index]
            if isinstance(value, pikepdf.Array):
                numbers[index] = pikepdf.Array([replaced.get(item.objgen, item) if isinstance(item, pikepdf.Dictionary)
                                                else item for item in value])
            elif isinstance(value, pikepdf.Dictionary) and value.objgen in replaced:
                numbers[index] = replaced[value.objgen]
        node.Nums = pikepdf.Array(numbers)
    return len(replaced)


def _is_wrapper(kid: object) -> bool:
    return (isinstance(kid, pikepdf.Dictionary) and kid.is_indirect and kid.get("/S") == "/NonStruct"
            and isinstance(kid.get("/K"), int) and "/Pg" in kid
            and not any(key in kid for key in ("/ID", "/A", "/Alt", "/ActualText", "/Lang", "/C")))


def _number_tree_leaves(node: pikepdf.Object | None):
    if not isinstance(node, pikepdf.Dictionary):
        return
    if "/Nums" in node:
        yield node
    for kid in node.get("/Kids", []):
        yield from _number_tree_leaves(kid)


def relative_links(document: pikepdf.Pdf, site: Path) -> None:
    """Links to the site's pages, which Chromium prints as addresses on the build machine
    (file:///home/…/site/km/about.html), made relative to where the PDF sits in the zip and in
    site/: extra.pdf.folder, one folder below the site's root (../km/about.html). The build
    machine's folders stay out of the PDF, and the links open the bundle's own pages."""
    prefix = site.resolve().as_uri() + "/"
    for page in document.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if isinstance(action, pikepdf.Dictionary) and str(action.get("/URI", "")).startswith(prefix):
                action.URI = pikepdf.String("../" + str(action.URI)[len(prefix):])


def describe_links(document: pikepdf.Pdf, targets: dict[str, str]) -> None:
    """``/Contents`` for every link annotation; ``targets`` names each link target by its id."""
    for page in document.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link" or "/Contents" in annotation:
                continue
            action = annotation.get("/A")
            if isinstance(action, pikepdf.Dictionary) and "/URI" in action:
                text = str(action.URI)
            else:
                destination = annotation.get("/Dest")
                name = str(destination).lstrip("/") if isinstance(destination, (pikepdf.Name, pikepdf.String)) else ""
                text = targets.get(name, "")
            if text:
                annotation.Contents = pikepdf.String(text)


def mark_artifacts(content: bytes) -> bytes:
    """What a page draws outside tagged marked content wrapped in ``/Artifact BMC … EMC``, one
    text object or shape at a time: the running titles, page numbers, backgrounds, rules and
    leaders, and the decoration that CSS generates (the arrows between the six steps). The print
    pages leave no meaningful text to CSS (hooks/print_html.py), and tests/test_pdf.py checks
    that headings, body text and worksheet labels are tagged."""
    out: list[bytes] = []
    tagged: list[bool] = []  # for each open marked-content sequence: does it tag (MCID, artifact)?
    inside = 0  # how many of them tag
    unit: list[bytes] = []  # the untagged text object or shape being collected
    for line in content.split(b"\n"):
        if unit:
            unit.append(line)
            operator = line.rsplit(b" ", 1)[-1]
            if (unit[0] == b"BT" and line == b"ET") or (unit[0] != b"BT" and operator in PAINTS):
                out.extend([b"/Artifact BMC", *unit, b"EMC"] if operator != b"n" and _nests(unit) else unit)
                unit = []
            continue
        if not inside:
            operator = line.rsplit(b" ", 1)[-1]
            if line == b"BT" or operator in CONSTRUCTS:
                unit = [line]
                continue
            if operator in (b"Do", b"sh"):
                out.extend([b"/Artifact BMC", line, b"EMC"])
                continue
        if line == b"EMC":
            if tagged:
                inside -= tagged.pop()
        elif line.endswith((b"BDC", b"BMC")) and (opens := OPENS.match(line)):
            tagged.append(_is_tagged(opens))
            inside += tagged[-1]
        out.append(line)
    out.extend(unit)
    return b"\n".join(out)


CONSTRUCTS = {b"m", b"re"}
PAINTS = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"}


def _is_tagged(opens: re.Match) -> bool:
    return opens["tag"] == b"Artifact" or bool(TAGGED.search(opens["properties"] or b""))


def _nests(unit: list[bytes]) -> bool:
    """Whether the marked content inside ``unit`` opens and closes within it, untagged."""
    depth = 0
    for line in unit:
        if opens := OPENS.match(line):
            if _is_tagged(opens):
                return False
            depth += 1
        elif line == b"EMC":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
