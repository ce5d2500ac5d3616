"""storytrace: map the news from a pile of articles."""
__version__ = "0.1.0"
