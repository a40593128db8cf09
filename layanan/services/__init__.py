"""Services: every write of layanan goes through a function here (or layanan.workflow)."""
