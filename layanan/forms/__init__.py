"""Forms of layanan: they validate, never write."""
