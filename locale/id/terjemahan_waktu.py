"""Indonesian translations of working time (timeline, inbox) and of the development set-up."""

T = {
    "%(d)s of %(s)s working min": "%(d)s dari %(s)s menit kerja",
    "%(m)s working min over": "lewat %(m)s menit kerja",
    "%(m)s working min left": "sisa %(m)s menit kerja",
}
