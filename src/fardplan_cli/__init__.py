"""fardplan: Region Stockholm's roadmaps for the regional urban cores, as validated YAML in git."""

__version__ = "0.1.0"
