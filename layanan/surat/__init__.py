"""Letters: the draft and its context (konsep), the template sandbox (templat_aman), number
patterns (pola_nomor), numbering, signing, revoking and replacing (services), the step engine's
hook (kait), and signing behind a small contract (tanda_tangan)."""
