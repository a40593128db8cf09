"""Applying from home: the citizen's form, its scans kept server-side, the contact confirmed by a
one-time code through the outbox, and the loket's completeness decision — the same step, by the
same engine, as at the counter (layanan.loket.services.permohonan_daftarkan). See docs/daring.md."""
