"""The steps of `make handbook` that come after MkDocs: PDFs, the offline bundle, the summary."""
