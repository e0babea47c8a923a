"""The print pages hooks/print_page.py writes at the root of site/ and handbook/pdf.py prints
(kept apart from handbook/pdf.py, so that the site build does not load the PDF stage's code)."""

HANDBOOK_PAGE = "print-{language}.html"
PACK_PAGE = "print-worksheets-{language}.html"
# The worksheet printed last in the pack, as a card to cut out and carry.
WALLET_CARD = "emergency-contacts"
# Blank entries printed for a worksheet part where the reader adds rows (risks, incidents …), by
# how it is printed (overrides/print/sheet.html): a table of rows with short fields only, with
# a field to write sentences in, and a table with a column per entry (more than five fields).
BLANK_ROWS = {"short": 6, "long": 4, "columns": 3}
# The same in a chapter of the handbook, which shows the worksheet to read (filled in the
# workbook on screen, or on the pack's pages).
CHAPTER_ROWS = {"short": 1, "long": 1, "columns": 1}
