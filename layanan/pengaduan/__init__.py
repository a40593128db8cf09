"""Complaints (pengaduan): intake from every channel, handling by the step engine, the
conflict rule, the forwarding letter and the figures. Talks to the engine through layanan.mesin
and to the loket through its services; its reads scoped to the user live in `selectors`."""
