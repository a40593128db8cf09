"""The head of office's dashboard and the monthly report: what the office received, settled and
let run late, measured in working time per service and per SOP step, by place, with its letters,
DTKS proposals and complaints; every figure counted in the database (docs/dasbor.md)."""
