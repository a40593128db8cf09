"""Indonesian translations of the UI's rough edges (issue "Right letters, right records", items
12-14): dates typed day-first, file inputs, step messages, labels."""

T = {
    # A table's row-number column; "No" alone is the answer to a yes/no question.
    "No.": "No",
    "full name": "nama lengkap",
    # templates/admin/search_form.html: Django's own, copied to translate the icon's alt text.
    ("%(counter)s result", "%(counter)s results"): "%(counter)s hasil",
    "%(full_result_count)s total": "%(full_result_count)s total",
    "Show all": "Tampilkan semua",
}
