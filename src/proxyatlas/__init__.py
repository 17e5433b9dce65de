"""proxyatlas: provenance-backed knowledge graphs of state-sponsored armed-group networks."""

__version__ = "0.1.0"
