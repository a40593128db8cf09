"""The Layanan Dinsos application: offices, SOPs as data, and the services run from them."""
