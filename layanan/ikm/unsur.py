"""The questionnaire's elements: the regulation's nine (PermenPANRB 14/2017, in its order), each
one question with four answers scored 1–4 worded for it, then the office's own elements."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from layanan.models import Kantor, UnsurTambahanIkm


@dataclass(frozen=True)
class Unsur:
    kode: str
    nama: str | Promise
    pertanyaan: str | Promise
    jawaban: tuple[str | Promise, str | Promise, str | Promise, str | Promise]  # scored 1..4
    bawaan: bool = True

    def pilihan(self) -> list[tuple[int, str]]:
        return [(i, str(teks)) for i, teks in enumerate(self.jawaban, start=1)]


UNSUR_BAWAAN: tuple[Unsur, ...] = (
    Unsur(
        "u1",
        pgettext_lazy("survey element", "Requirements"),
        _("How well do the service's requirements fit the kind of service?"),
        (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable")),
    ),
    Unsur(
        "u2",
        pgettext_lazy("survey element", "Systems, mechanisms and procedures"),
        _("How easy are the service's procedures at this office?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
    ),
    Unsur(
        "u3",
        pgettext_lazy("survey element", "Completion time"),
        _("How fast was the service given?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
    ),
    Unsur(
        "u4",
        pgettext_lazy("survey element", "Cost/tariff"),
        _("How fair is the cost of the service?"),
        (_("Very expensive"), _("Fairly expensive"), _("Cheap"), _("Free")),
    ),
    Unsur(
        "u5",
        pgettext_lazy("survey element", "Products: specification of the kind of service"),
        _("How well does what you received match what the service standard lists?"),
        (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable")),
    ),
    Unsur(
        "u6",
        pgettext_lazy("survey element", "Competence of the staff"),
        _("How competent were the staff who served you?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    Unsur(
        "u7",
        pgettext_lazy("survey element", "Conduct of the staff"),
        _("How polite and friendly were the staff who served you?"),
        (
            _("Not polite and friendly"),
            _("Less polite and friendly"),
            _("Polite and friendly"),
            _("Very polite and friendly"),
        ),
    ),
    Unsur(
        "u8",
        pgettext_lazy("survey element", "Handling of complaints, suggestions and input"),
        _("How are users' complaints handled at this office?"),
        (
            _("There is no way to complain"),
            _("There is one, but it does not work"),
            _("It works, but not fully"),
            _("Well managed"),
        ),
    ),
    Unsur(
        "u9",
        pgettext_lazy("survey element", "Facilities and infrastructure"),
        _("How good are the office's facilities and infrastructure?"),
        (_("Poor"), _("Fair"), _("Good"), _("Very good")),
    ),
)


def dari_tambahan(u: UnsurTambahanIkm) -> Unsur:
    return Unsur(
        u.kode,
        u.nama,
        u.pertanyaan,
        (u.jawaban_1, u.jawaban_2, u.jawaban_3, u.jawaban_4),
        bawaan=False,
    )


def unsur_kantor(kantor: Kantor, *, semua: bool = False) -> list[Unsur]:
    """The elements an office asks now (the nine, then its own active ones); `semua` adds those
    no longer asked, whose past answers still count."""
    tambahan = UnsurTambahanIkm.objects.filter(kantor=kantor).order_by("urutan", "pk")
    if not semua:
        tambahan = tambahan.filter(aktif=True)
    return [*UNSUR_BAWAAN, *(dari_tambahan(u) for u in tambahan)]
