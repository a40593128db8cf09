"""The public satisfaction survey (SKM/IKM, PermenPANRB 14/2017): the questionnaire (`unsur`),
where citizens answer and the answers' writes (`services`), the index of a period (`hitung`),
the sample it needs (`sampel`), periods (`periode`), and the report (`laporan`)."""
