"""The pure core: data model, validation, search, wizard engine and diff. No Qt, no TinyDB."""
