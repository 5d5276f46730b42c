"""Reading and writing data packs: the only package that uses TinyDB."""
