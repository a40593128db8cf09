"""Views of layanan, one module per area."""
