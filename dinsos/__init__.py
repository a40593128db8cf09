"""Project package of Layanan Dinsos: settings, URLs, WSGI."""
