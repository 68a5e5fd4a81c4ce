"""eventscope: news text in, coded, dated, placed political and conflict events out."""

__version__ = "0.1.0"
__all__ = ["__version__"]
